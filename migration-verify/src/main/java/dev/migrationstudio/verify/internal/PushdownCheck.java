package dev.migrationstudio.verify.internal;

import dev.migrationstudio.verify.ChecksumSummary;
import dev.migrationstudio.verify.SampleSummary;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares a table whose chunk digests both databases compute ({@link Pushdown}): only the chunks
 * whose SQL digests differ are read into Java, and bisected there ({@link Bisection#reread}). A
 * canary chunk, digested in SQL and in Java on each side, proves first that the two agree; when
 * they do not, the table is compared in Java instead ({@link KeyedCheck}), in the same chunks, and
 * its checksum summary says why.
 */
final class PushdownCheck implements TableCheck {
    private static final Logger LOG = LoggerFactory.getLogger(PushdownCheck.class);

    private final TableReader reader;
    private final Settings settings;
    private final TablePlan plan;

    PushdownCheck(TableReader reader) {
        this.reader = reader;
        this.settings = reader.settings();
        this.plan = reader.plan();
    }

    @Override
    public TableComparison run() throws SQLException {
        ChunkPlan chunks = ChunkPlan.of(settings, plan, reader.target());
        List<String> sourceColumns = plan.mapping().fields().stream()
                .map(f -> plan.sourceTable().column(f.source().orElseThrow()).orElseThrow().name()).toList();
        List<String> targetColumns = plan.targetColumns().stream()
                .map(c -> plan.targetTable().column(c).orElseThrow().name()).toList();
        String sourceKey = plan.sourceTable().column(plan.mapping().sourceKey().get(0)).orElseThrow().name();
        String targetKey = plan.targetTable().column(plan.keyColumns().get(0)).orElseThrow().name();
        PushdownSql engine = PushdownSql.of(reader.source()).orElseThrow();
        Optional<List<String>> valueTypes = Pushdown.valueTypes(plan, engine);
        List<List<Pushdown.SqlDigest>> sql = reader.inParallel(List.of(
                () -> Pushdown.chunkDigests(reader.source(), plan.sourceTable(), sourceColumns, sourceKey, chunks,
                        valueTypes),
                () -> Pushdown.chunkDigests(reader.target(), plan.targetTable(), targetColumns, targetKey, chunks,
                        valueTypes)),
                "checksums");
        List<Pushdown.SqlDigest> sourceChunks = sql.get(0);
        List<Pushdown.SqlDigest> targetChunks = sql.get(1);
        KeyRange canary = chunks.range(0);
        Pushdown.JavaDigest sourceCanary = new Pushdown.JavaDigest(engine);
        Pushdown.JavaDigest targetCanary = new Pushdown.JavaDigest(engine);
        Sql.stream(reader.source(), plan.selectSource(plan.sourceRange(canary)), sourceCanary::add);
        Sql.stream(reader.target(), plan.selectTarget(plan.targetRange(canary)), targetCanary::add);
        List<String> untrusted = new ArrayList<>();
        if (!sourceChunks.get(0).sameAsJava(sourceCanary.digest())) {
            untrusted.add("source");
        }
        if (!targetChunks.get(0).sameAsJava(targetCanary.digest())) {
            untrusted.add("target");
        }
        if (!untrusted.isEmpty()) {
            String why = "digests computed in the databases not trusted: on the " + String.join(" and the ", untrusted)
                    + ", the first chunk's rows as the database renders them differ from the values Java reads;"
                    + " compared in Java";
            LOG.info("{}: {}", plan.describe(), why);
            TableComparison inJava = new KeyedCheck(reader).run(chunks);
            return new TableComparison(inJava.source(), inJava.targetRows(), inJava.checksums().map(c ->
                    new ChecksumSummary(c.sourceDigest(), c.targetDigest(), c.chunks(), c.chunksDiffering(),
                            c.rangesBisected(), c.rowsComparedIndividually(), false, c.method() + " (" + why + ")")),
                    inJava.differences(), inJava.sample(), inJava.errors());
        }
        Pushdown.SqlDigest sourceTotal = Pushdown.SqlDigest.EMPTY;
        Pushdown.SqlDigest targetTotal = Pushdown.SqlDigest.EMPTY;
        List<KeyRange> differing = new ArrayList<>();
        for (int i = 0; i <= chunks.chunks(); i++) {
            sourceTotal = sourceTotal.plus(sourceChunks.get(i));
            targetTotal = targetTotal.plus(targetChunks.get(i));
            if (!sourceChunks.get(i).sameRows(targetChunks.get(i))) {
                differing.add(chunks.range(i));
            }
        }
        // The mapping copies every column as it is, so every source row loads except those with a NULL key.
        long nullKeys = sourceChunks.get(chunks.chunks()).count();
        SourceTally tally = new SourceTally();
        tally.countInBulk(sourceTotal.count() - nullKeys, nullKeys,
                nullKeys + " source rows with a NULL key: a key must not be NULL");
        Bisection.Result found = Bisection.reread(reader, differing);
        ChecksumSummary checksums = new ChecksumSummary(sourceTotal.text(), targetTotal.text(), chunks.chunks(),
                differing.size(), found.rangesBisected(), found.rowsCompared(), true,
                "key ranges, digests computed in " + (valueTypes.isPresent() ? engine.valueDescribed() : engine.described()));
        Optional<SampleSummary> sample = Optional.empty();
        if (settings.sampleRows() > 0) {
            SampleCheck check = new SampleCheck(reader);
            sample = Optional.of(check.check(check.pickFromSource()));
        }
        return new TableComparison(tally.counts(), targetTotal.count(), Optional.of(checksums), found.differences(),
                sample, found.errors());
    }
}
