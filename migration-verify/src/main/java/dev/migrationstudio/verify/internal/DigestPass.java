package dev.migrationstudio.verify.internal;

import dev.migrationstudio.jdbc.compare.CanonicalEncoder;
import dev.migrationstudio.jdbc.compare.Digest;
import dev.migrationstudio.jdbc.compare.Keys;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * The first pass over a keyed table: streams both sides in parallel (whole tables, or key-range
 * segments of them), projects the source through the mapping, sums row hashes per chunk of the
 * {@link ChunkPlan}, counts what became of the source rows and keeps the sample. The target is read
 * only when checksums are asked for; the source always, for its counts.
 */
final class DigestPass {

    /**
     * What the pass found.
     *
     * @param source digests of the projected source rows per chunk (the last for NULL keys); empty
     *     digests without checksums
     * @param target digests of the target rows per chunk, alike
     * @param counts what became of the source rows
     * @param sample the sampled source rows, lowest rank first (none without a sample)
     */
    record Result(List<Digest> source, List<Digest> target, SourceTally.Counts counts,
                  List<SampleHeap.Sampled> sample) {
        Result {
            source = List.copyOf(source);
            target = List.copyOf(target);
            sample = List.copyOf(sample);
        }
    }

    /** One segment's sums, filled by the task that reads it. */
    static final class Part {
        final Digest.Sum[] source;
        final Digest.Sum[] target;
        final SourceTally tally = new SourceTally();
        final SampleHeap sample;

        Part(int slots, int sampleRows) {
            source = Digest.sums(slots);
            target = Digest.sums(slots);
            sample = new SampleHeap(sampleRows);
        }
    }

    private final TableReader reader;
    private final Settings settings;
    private final TablePlan plan;
    private final ChunkPlan chunks;
    private final int[] keyPositions;

    private DigestPass(TableReader reader, ChunkPlan chunks) {
        this.reader = reader;
        this.settings = reader.settings();
        this.plan = reader.plan();
        this.chunks = chunks;
        this.keyPositions = plan.keyPositions();
    }

    /** Runs the pass over the chunks. */
    static Result run(TableReader reader, ChunkPlan chunks) throws SQLException {
        return new DigestPass(reader, chunks).run();
    }

    private Result run() throws SQLException {
        int segments = segmentsPerSide();
        if (reader.remote().isPresent()) {
            return runRemotely(reader.remote().get(), segments);
        }
        List<Callable<Part>> tasks = new ArrayList<>();
        for (Condition where : segmentConditions(segments, plan.sourceKeyRangeable(), plan::sourceRange)) {
            tasks.add(() -> readSource(where));
        }
        if (settings.checksums()) {
            for (Condition where : segmentConditions(segments, true, plan::targetRange)) {
                tasks.add(() -> readTarget(where));
            }
        }
        int slots = chunks.chunks() + 1;
        Part merged = new Part(slots, settings.sampleRows());
        for (Part part : reader.inParallel(tasks, "checksums")) {
            for (int i = 0; i < slots; i++) {
                merged.source[i].add(part.source[i].digest());
                merged.target[i].add(part.target[i].digest());
            }
            merged.tally.add(part.tally);
            merged.sample.addAll(part.sample);
        }
        return new Result(Digest.of(merged.source), Digest.of(merged.target), merged.tally.counts(),
                merged.sample.rows());
    }

    /**
     * The pass with each segment of each side computed by a worker elsewhere ({@link RemoteDigests}),
     * merged here as {@link #run()} merges its threads' parts.
     */
    private Result runRemotely(RemoteDigests.Executor remote, int segments) {
        List<RemoteDigests.Task> tasks = new ArrayList<>();
        String mapping = plan.mapping().describe();
        int perSide = plan.sourceKeyRangeable() ? segments : 1;
        for (int s = 0; s < perSide; s++) {
            tasks.add(new RemoteDigests.Task(mapping, new ArrayList<>(chunks.boundaries()), s, perSide, false));
        }
        if (settings.checksums()) {
            for (int s = 0; s < segments; s++) {
                tasks.add(new RemoteDigests.Task(mapping, new ArrayList<>(chunks.boundaries()), s, segments, true));
            }
        }
        Part merged = new Part(chunks.chunks() + 1, settings.sampleRows());
        List<RemoteDigests.Part> parts = remote.run(tasks);
        for (int i = 0; i < tasks.size(); i++) {
            parts.get(i).addTo(merged, tasks.get(i).target());
        }
        return new Result(Digest.of(merged.source), Digest.of(merged.target), merged.tally.counts(),
                merged.sample.rows());
    }

    /** Reads one segment of one side, as a worker elsewhere does for {@link #runRemotely}. */
    static Part segment(TableReader reader, ChunkPlan chunks, int segment, int segments, boolean target)
            throws SQLException {
        DigestPass pass = new DigestPass(reader, chunks);
        boolean rangeable = target || pass.plan.sourceKeyRangeable();
        Condition where = pass.segmentConditions(segments, rangeable,
                target ? pass.plan::targetRange : pass.plan::sourceRange).get(segment);
        return target ? pass.readTarget(where) : pass.readSource(where);
    }

    /** Segments per side: one per two workers, and only for keys every engine orders alike (numbers, times). */
    private int segmentsPerSide() {
        int wanted = Math.max(1, settings.parallelism() / 2);
        if (wanted == 1 || chunks.boundaries().isEmpty()
                || !Arrays.stream(chunks.boundaries().get(0)).allMatch(DigestPass::orderedAlike)) {
            return 1;
        }
        return Math.min(wanted, chunks.chunks());
    }

    private static boolean orderedAlike(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof BigDecimal
                || value instanceof LocalDate || value instanceof LocalDateTime || value instanceof OffsetDateTime
                || value instanceof LocalTime;
    }

    /** Each segment's condition: a run of whole chunks, the last one with the NULL keys. */
    private List<Condition> segmentConditions(int segments, boolean rangeable, Function<KeyRange, Condition> condition) {
        if (segments <= 1 || !rangeable) {
            return List.of(DSL.noCondition());
        }
        int count = chunks.chunks();
        List<Object[]> boundaries = chunks.boundaries();
        List<Condition> conditions = new ArrayList<>();
        for (int s = 0; s < segments; s++) {
            int from = (int) ((long) count * s / segments);
            int to = (int) ((long) count * (s + 1) / segments);
            Object[] lower = from == 0 ? null : boundaries.get(from - 1);
            Object[] upper = to >= count ? null : boundaries.get(to - 1);
            Condition where = condition.apply(new KeyRange(lower, upper, false));
            if (upper == null) {
                where = where.or(condition.apply(KeyRange.nulls()));
            }
            conditions.add(where);
        }
        return conditions;
    }

    private Part readSource(Condition where) throws SQLException {
        Part part = new Part(chunks.chunks() + 1, settings.sampleRows());
        CanonicalEncoder encoder = settings.encoder();
        boolean hashing = settings.checksums();
        boolean sampling = settings.sampleRows() > 0;
        int nullKeys = chunks.chunks();
        reader.readSource(where, part.tally, null, row -> {
            int chunk = chunks.chunkOf(row, keyPositions);
            if (hashing) {
                part.source[chunk].add(encoder.hash(row));
            }
            if (sampling && chunk < nullKeys) {
                long rank = encoder.rank(row, keyPositions, settings.seed());
                if (part.sample.wouldKeep(rank)) {
                    part.sample.offer(new SampleHeap.Sampled(rank, Keys.extract(row, keyPositions), row));
                }
            }
        });
        return part;
    }

    private Part readTarget(Condition where) throws SQLException {
        Part part = new Part(chunks.chunks() + 1, 0);
        CanonicalEncoder encoder = settings.encoder();
        reader.readTarget(where, row -> part.target[chunks.chunkOf(row, keyPositions)].add(encoder.hash(row)));
        return part;
    }
}
