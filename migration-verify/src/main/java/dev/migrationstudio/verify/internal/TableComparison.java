package dev.migrationstudio.verify.internal;

import dev.migrationstudio.verify.ChecksumSummary;
import dev.migrationstudio.verify.SampleSummary;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of comparing one table, assembled once by its {@link TableCheck} from what the
 * comparison's pieces returned.
 *
 * @param source what became of the source rows read
 * @param targetRows rows in the target
 * @param checksums how the digests compared, when checksums ran
 * @param differences the rows found to differ
 * @param sample the sampled rows' comparison, when sampling ran
 * @param errors problems that prevented part of the comparison
 */
record TableComparison(SourceTally.Counts source, long targetRows, Optional<ChecksumSummary> checksums,
                       Differences differences, Optional<SampleSummary> sample, List<String> errors) {
    TableComparison {
        errors = List.copyOf(errors);
    }
}
