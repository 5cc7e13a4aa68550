package dev.migrationstudio.examples;

import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.verify.VerificationReport;
import dev.migrationstudio.verify.Verifier;
import dev.migrationstudio.verify.replay.QueryLog;
import dev.migrationstudio.verify.replay.Replay;
import java.time.Duration;
import java.util.Collections;
import javax.sql.DataSource;

/** Replays the queries an application ran on legacy against the migrated target (shown in the README). */
public final class ReplayExample {

    private ReplayExample() {
    }

    /** The top queries of legacy's statement statistics, replayed on v2 through the spec. */
    public static VerificationReport replayTopQueries(DataSource legacy, DataSource v2, MappingSpec spec) {
        // snippet:start replay
        QueryLog log = QueryLog.fromPgStatStatements(legacy)        // or fromMariaDbDigests(..), fromFile(..)
                .top(100, QueryLog.Ranking.TOTAL_TIME);
        VerificationReport report = Verifier.between(legacy, v2).spec(spec).tables("invoice")
                .replay(Replay.of(log)
                        // the statistics keep $1, not the values: ids 1 exist in every table here
                        .sampling((query, placeholders) -> Collections.nCopies(placeholders, 1))
                        .runs(7)                                    // timed runs per side: p50 and p95
                        .slowerThan(2.0, Duration.ofMillis(5)))     // slower at p95: a performance finding
                .verify();
        report.replays().forEach(r -> System.out.println(r.name() + ": " + r.rewrite().status()
                + r.rewrite().targetSql().map(sql -> " -> " + sql).orElse(" (" + r.rewrite().reason() + ")")));
        report.performanceFindings().forEach(System.out::println);
        // snippet:end replay
        return report;
    }
}
