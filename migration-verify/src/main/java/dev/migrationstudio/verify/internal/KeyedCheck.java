package dev.migrationstudio.verify.internal;

import dev.migrationstudio.jdbc.compare.Digest;
import dev.migrationstudio.verify.ChecksumSummary;
import dev.migrationstudio.verify.SampleSummary;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares a table with a key, in Java: plans key-range chunks ({@link ChunkPlan}), sums both
 * sides' row hashes per chunk in one parallel pass ({@link DigestPass}), bisects the chunks whose
 * digests differ down to the differing rows ({@link Bisection}), and checks the sample
 * ({@link SampleCheck}) from the rows the pass kept.
 */
final class KeyedCheck implements TableCheck {
    private static final Logger LOG = LoggerFactory.getLogger(KeyedCheck.class);

    private final TableReader reader;
    private final Settings settings;

    KeyedCheck(TableReader reader) {
        this.reader = reader;
        this.settings = reader.settings();
    }

    @Override
    public TableComparison run() throws SQLException {
        boolean chunked = settings.checksums() || settings.sampleRows() > 0;
        return run(chunked ? ChunkPlan.of(settings, reader.plan(), reader.target()) : ChunkPlan.WHOLE);
    }

    /** Compares the table in these chunks. */
    TableComparison run(ChunkPlan chunks) throws SQLException {
        DigestPass.Result pass = DigestPass.run(reader, chunks);
        Optional<ChecksumSummary> checksums = Optional.empty();
        Differences differences = Differences.NONE;
        List<String> errors = List.of();
        long targetRows;
        if (settings.checksums()) {
            Digest sourceTotal = Digest.total(pass.source());
            Digest targetTotal = Digest.total(pass.target());
            targetRows = targetTotal.count();
            List<Bisection.Suspect> suspects = new ArrayList<>();
            for (int i = 0; i <= chunks.chunks(); i++) {
                if (!pass.source().get(i).equals(pass.target().get(i))) {
                    suspects.add(new Bisection.Suspect(chunks.range(i), pass.source().get(i), pass.target().get(i)));
                }
            }
            if (!suspects.isEmpty()) {
                LOG.info("{}: {} of {} chunks differ; bisecting", reader.plan().describe(), suspects.size(),
                        chunks.chunks() + 1);
            }
            Bisection.Result found = Bisection.bisect(reader, suspects);
            checksums = Optional.of(new ChecksumSummary(sourceTotal.text(), targetTotal.text(), chunks.chunks(),
                    suspects.size(), found.rangesBisected(), found.rowsCompared(), false, "key ranges"));
            differences = found.differences();
            errors = found.errors();
        } else {
            targetRows = reader.countTarget();
        }
        Optional<SampleSummary> sample = settings.sampleRows() > 0
                ? Optional.of(new SampleCheck(reader).check(pass.sample())) : Optional.empty();
        return new TableComparison(pass.counts(), targetRows, checksums, differences, sample, errors);
    }
}
