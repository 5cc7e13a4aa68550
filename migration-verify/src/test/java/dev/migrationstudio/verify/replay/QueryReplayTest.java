package dev.migrationstudio.verify.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.cutover.CutoverContext;
import dev.migrationstudio.cutover.GateDecision;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import dev.migrationstudio.verify.ParityGate;
import dev.migrationstudio.verify.VerificationReport;
import dev.migrationstudio.verify.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Captured queries rewritten through the mapping, replayed on both sides, compared and timed. */
class QueryReplayTest {
    private static final int TRACKS = 3_000;
    private static final MappingSpec SPEC = MappingSpec.builder("store")
            .table("genre", t -> t.key("genre_id").field("name"))
            .table("track").to("song", t -> t.key("track_id").to("song_id").field("name").to("title")
                    .field("genre_id").field("composer").to("composers").drop("bytes", "sizes are no longer kept"))
            .build();

    private static void legacy(TestDatabase db) {
        db.execute("CREATE TABLE genre (genre_id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)",
                "INSERT INTO genre VALUES (1, 'Rock'), (2, 'Jazz'), (3, 'Blues')",
                "CREATE TABLE track (track_id INT PRIMARY KEY, name VARCHAR(60) NOT NULL, genre_id INT NOT NULL, "
                        + "composer VARCHAR(60), bytes INT)",
                "CREATE INDEX track_name_idx ON track (name)");
        insertTracks(db, "track");
    }

    private static void v2(TestDatabase db) {
        db.execute("CREATE TABLE genre (genre_id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)",
                "INSERT INTO genre VALUES (1, 'Rock'), (2, 'Jazz'), (3, 'Blues')",
                "CREATE TABLE song (song_id INT PRIMARY KEY, title VARCHAR(60) NOT NULL, genre_id INT NOT NULL, "
                        + "composers VARCHAR(60))");
        insertTracks(db, "song");
    }

    private static void insertTracks(TestDatabase db, String table) {
        StringBuilder values = new StringBuilder();
        for (int id = 1; id <= TRACKS; id++) {
            values.append(values.length() == 0 ? "" : ", ").append("(").append(id).append(", 'Song ").append(id)
                    .append("', ").append(id % 3 + 1).append(", 'Composer ").append(id % 17).append("'")
                    .append(table.equals("track") ? ", " + id * 1000 : "").append(")");
        }
        db.execute("INSERT INTO " + table + " VALUES " + values);
        db.execute("ANALYZE" + (db.engine() == Engine.MARIADB ? " TABLE " + table : ""));
    }

    private static Verifier verifier(TestDatabase source, TestDatabase target) {
        return Verifier.between(source.dataSource(), target.dataSource()).spec(SPEC).tables("genre");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void everyQueryOfAFileIsReplayedOrListedWithItsReason(Engine engine, @TempDir Path out) throws Exception {
        try (TestDatabase source = engine.create("replay-legacy"); TestDatabase target = engine.create("replay-v2")) {
            legacy(source);
            v2(target);
            QueryLog log = QueryLog.fromFile(Path.of("src/test/resources/replay/app-queries.sql"));

            VerificationReport report = verifier(source, target)
                    .replay(Replay.of(log).runs(3).sampling((query, count) -> List.of(42))).verify();

            assertThat(report.passed()).as(report.summary()).isTrue();
            assertThat(report.replays()).hasSize(7).extracting(r -> r.rewrite().status()).containsExactly(
                    RewrittenQuery.Status.REWRITTEN, RewrittenQuery.Status.REWRITTEN,
                    RewrittenQuery.Status.NOT_REPLAYABLE, RewrittenQuery.Status.REWRITTEN,
                    RewrittenQuery.Status.NOT_A_QUERY, RewrittenQuery.Status.REWRITTEN,
                    RewrittenQuery.Status.UNPARSEABLE);
            assertThat(report.replays().get(0).name()).isEqualTo("app-queries.sql:2");
            assertThat(report.replays().get(0).results().orElseThrow().sourceRows()).isEqualTo(3);
            assertThat(report.replays().get(2).rewrite().reason()).contains("track.bytes", "sizes are no longer kept");
            assertThat(report.replays().get(3).results().orElseThrow().ordered()).isTrue();
            assertThat(report.replays().get(5).results().orElseThrow().sourceRows()).isEqualTo(1);
            assertThat(report.replays().get(1).source().orElseThrow().runs()).isEqualTo(3);
            assertThat(report.replays().get(1).plan()).as("the source finds the song through track_name_idx, "
                    + "the target reads song in full").get().asString()
                    .contains("reads song in full", "track_name_idx");
            assertThat(report.replays().get(0).plan()).isEmpty();

            report.writeTo(out);
            assertThat(Files.readString(out.resolve("verification.md"))).contains("## Query replay")
                    .contains("-- on the target:").contains("track_name_idx").contains("sizes are no longer kept");
            assertThat(Files.readString(out.resolve("verification.json"))).contains("\"replays\"")
                    .containsPattern("\"status\"\\s*:\\s*\"NOT_A_QUERY\"");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aReplayedQueryWhoseResultsDifferFailsTheVerificationAndTheGate(Engine engine) throws Exception {
        try (TestDatabase source = engine.create("replay-legacy"); TestDatabase target = engine.create("replay-v2")) {
            legacy(source);
            v2(target);
            target.execute("UPDATE song SET genre_id = 1 WHERE song_id = 10");
            Verifier verifier = verifier(source, target).replay(Replay.of(QueryLog.ofSql(
                    "SELECT genre_id, COUNT(*) FROM track GROUP BY genre_id")).runs(1));

            VerificationReport report = verifier.verify();
            GateDecision gate = ParityGate.of(verifier).evaluate(new Context());

            assertThat(report.passed()).isFalse();
            assertThat(report.failures()).singleElement().asString().contains("query 1", "4 differing");
            assertThat(gate.go()).isFalse();
        }
    }

    @Test
    void pgStatStatementsGivesTheQueriesTheSourceRanWithTheirCalls() {
        try (TestDatabase source = Engine.POSTGRES.create("replay-capture")) {
            source.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            legacy(source);
            for (int i = 0; i < 5; i++) {
                source.query("SELECT name FROM track WHERE track_id = " + (i + 1));
            }

            QueryLog log = QueryLog.fromPgStatStatements(source.dataSource()).top(200, QueryLog.Ranking.CALLS);

            CapturedQuery lookup = log.queries().stream()
                    .filter(q -> q.sql().startsWith("SELECT name FROM track WHERE track_id")).findFirst().orElseThrow();
            assertThat(lookup.sql()).isEqualTo("SELECT name FROM track WHERE track_id = $1");
            assertThat(lookup.calls()).isEqualTo(5);
            assertThat(lookup.origin()).startsWith("pg_stat_statements #");
            RewrittenQuery rewritten = QueryRewriter.through(SPEC, org.jooq.SQLDialect.POSTGRES,
                    org.jooq.SQLDialect.POSTGRES).rewrite(lookup);
            assertThat(rewritten.status()).isEqualTo(RewrittenQuery.Status.NEEDS_PARAMETERS);
        }
    }

    @Test
    void mariaDbDigestsGiveTheQueriesTheSourceRan() {
        try (TestDatabase source = Engine.MARIADB.create("replay-capture")) {
            legacy(source);
            // The digest table is bounded; after the rest of the suite it can be full, and a new statement
            // would only be counted in its overflow row.
            source.execute("TRUNCATE TABLE performance_schema.events_statements_summary_by_digest");
            for (int i = 0; i < 4; i++) {
                source.query("SELECT name FROM track WHERE track_id = " + (i + 1));
            }

            QueryLog log = QueryLog.fromMariaDbDigests(source.dataSource());

            CapturedQuery lookup = log.queries().stream().filter(q -> q.sql().contains("WHERE `track_id` = ?"))
                    .findFirst().orElseThrow();
            assertThat(lookup.calls()).isEqualTo(4);
            RewrittenQuery rewritten = QueryRewriter.through(SPEC, org.jooq.SQLDialect.MARIADB,
                    org.jooq.SQLDialect.POSTGRES).rewrite(lookup.withParameters(List.of(3)));
            assertThat(rewritten.targetSql()).get().asString().contains("from \"song\"", "\"song_id\" = ");
        }
    }

    @Test
    void aQueryIsSlowOnlyBeyondBothThresholds() {
        Replay replay = Replay.of(QueryLog.ofSql("SELECT 1")).slowerThan(2.0, Duration.ofMillis(5));
        Latency fast = new Latency(Duration.ofMillis(1), Duration.ofMillis(2), 5);

        assertThat(replay.slowdown(fast, new Latency(Duration.ofMillis(3), Duration.ofMillis(6), 5)))
                .as("3x, but only 4 ms more").isEmpty();
        assertThat(replay.slowdown(fast, new Latency(Duration.ofMillis(9), Duration.ofMillis(12), 5))).get()
                .asString().contains("p95 12.0 ms on the target against 2.0 ms", "6.0x", "threshold 2.0x");
        assertThat(replay.slowdown(new Latency(Duration.ofMillis(40), Duration.ofMillis(50), 5),
                new Latency(Duration.ofMillis(60), Duration.ofMillis(90), 5))).as("1.8x").isEmpty();
    }

    /** A rehearsal's context that keeps what gates share. */
    private static final class Context implements CutoverContext {
        private final java.util.Map<String, Object> values = new java.util.HashMap<>();

        @Override
        public boolean isRehearsal() {
            return true;
        }

        @Override
        public String current() {
            return "parity";
        }

        @Override
        public void note(String evidence) {
        }

        @Override
        public void put(String key, Object value) {
            values.put(key, value);
        }

        @Override
        public <T> java.util.Optional<T> get(String key, Class<T> type) {
            return java.util.Optional.ofNullable(values.get(key)).filter(type::isInstance).map(type::cast);
        }
    }
}
