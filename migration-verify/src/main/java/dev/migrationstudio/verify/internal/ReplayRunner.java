package dev.migrationstudio.verify.internal;

import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.verify.ParityCheck;
import dev.migrationstudio.verify.ParityResult;
import dev.migrationstudio.verify.replay.Latency;
import dev.migrationstudio.verify.replay.QueryRewriter;
import dev.migrationstudio.verify.replay.Replay;
import dev.migrationstudio.verify.replay.ReplayResult;
import dev.migrationstudio.verify.replay.RewrittenQuery;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Replays captured queries: rewrites each through the mapping, compares its results on both sides
 * (the parity comparison), times it over several runs on each side, and explains a query the target
 * runs too slowly. Only queries run, each in a read-only transaction.
 */
final class ReplayRunner {
    private final MappingSpec spec;
    private final Side source;
    private final Side target;
    private final ParityRunner parity;

    ReplayRunner(MappingSpec spec, Side source, Side target, ParityRunner parity) {
        this.spec = spec;
        this.source = source;
        this.target = target;
        this.parity = parity;
    }

    /** Every query of the replay, in order. */
    List<ReplayResult> run(Replay replay) {
        QueryRewriter rewriter = QueryRewriter.through(spec, source.dialect(), target.dialect())
                .sampling(replay.sampler());
        List<ReplayResult> results = new ArrayList<>();
        for (RewrittenQuery rewrite : rewriter.rewrite(replay.log())) {
            results.add(rewrite.replayable() ? replay(rewrite, replay) : ReplayResult.notReplayed(rewrite));
        }
        return results;
    }

    private ReplayResult replay(RewrittenQuery rewrite, Replay replay) {
        String sourceSql = rewrite.sourceSql().orElseThrow();
        String targetSql = rewrite.targetSql().orElseThrow();
        ParityCheck check = ParityCheck.of(rewrite.query().origin(), sourceSql, targetSql);
        ParityResult result = parity.run(rewrite.ordered() ? check.ordered() : check, rewrite.parameters(),
                rewrite.targetParameters());
        if (result.error().isPresent()) {
            return new ReplayResult(rewrite, Optional.of(result), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
        List<Duration> sourceTimes = new ArrayList<>();
        List<Duration> targetTimes = new ArrayList<>();
        try {
            // Alternating sides spreads whatever else the machine does over both.
            for (int run = 0; run < replay.runs(); run++) {
                sourceTimes.add(time(source, sourceSql, rewrite.parameters()));
                targetTimes.add(time(target, targetSql, rewrite.targetParameters()));
            }
        } catch (SQLException e) {
            return new ReplayResult(rewrite, Optional.of(result), Optional.empty(), Optional.empty(),
                    Optional.of("could not be timed: " + e.getMessage()), Optional.empty());
        }
        Latency sourceLatency = Latency.of(sourceTimes);
        Latency targetLatency = Latency.of(targetTimes);
        return new ReplayResult(rewrite, Optional.of(result), Optional.of(sourceLatency), Optional.of(targetLatency),
                replay.slowdown(sourceLatency, targetLatency), missingIndex(rewrite));
    }

    private static Duration time(Side side, String sql, List<Object> binds) throws SQLException {
        long started = System.nanoTime();
        ParityRunner.fetch(side, sql, binds);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Where the target reads a table in full that the source reads through an index: that index. */
    private Optional<String> missingIndex(RewrittenQuery rewrite) {
        PlanShape sourcePlan = PlanShape.explain(source, rewrite.sourceSql().orElseThrow(), rewrite.parameters());
        PlanShape targetPlan = PlanShape.explain(target, rewrite.targetSql().orElseThrow(),
                rewrite.targetParameters());
        List<String> lacking = new ArrayList<>();
        for (Map.Entry<String, String> used : sourcePlan.indexes().entrySet()) {
            Optional<TableMapping> mapping = spec.tables().stream()
                    .filter(t -> t.source().name().equalsIgnoreCase(used.getKey())).findFirst();
            String targetTable = mapping.map(t -> t.target().name().toLowerCase(Locale.ROOT)).orElse(used.getKey());
            if (targetPlan.fullScans().contains(targetTable)) {
                lacking.add("the target reads " + targetTable + " in full where the source reads " + used.getKey()
                        + " through index " + used.getValue() + ": the target lacks that index");
            }
        }
        return lacking.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", lacking));
    }
}
