package dev.migrationstudio.verify.replay;

import static dev.migrationstudio.mapping.Transforms.lowerCase;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.mapping.MappingSpec;
import java.util.List;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

class QueryRewriterTest {
    private static final MappingSpec SPEC = MappingSpec.builder("shop")
            .table("track").to("song", t -> t.key("track_id").to("song_id").field("name").to("title")
                    .field("genre_id").field("composer").to("composers")
                    .drop("bytes", "sizes are no longer kept"))
            .table("genre", t -> t.key("genre_id").field("name"))
            .table("customer").to("client", t -> t.key("customer_id").to("client_id")
                    .field("email").transform(lowerCase())
                    .derive("display_name", List.of("first_name", "last_name"),
                            row -> row.string("first_name") + " " + row.string("last_name")).named("joined"))
            .build();
    private static final QueryRewriter POSTGRES = QueryRewriter.through(SPEC, SQLDialect.POSTGRES, SQLDialect.POSTGRES);

    private static RewrittenQuery rewrite(QueryRewriter rewriter, String sql) {
        return rewriter.rewrite(CapturedQuery.of(sql, "test"));
    }

    @Test
    void renamesTablesAndColumnsThroughTheSpecResolvingAliases() {
        RewrittenQuery query = rewrite(POSTGRES, "SELECT g.name, COUNT(*) FROM track t JOIN genre g "
                + "ON g.genre_id = t.genre_id WHERE t.name LIKE 'A%' GROUP BY g.name ORDER BY 2 DESC");

        assertThat(query.status()).isEqualTo(RewrittenQuery.Status.REWRITTEN);
        assertThat(query.targetSql()).get().asString()
                .contains("from \"song\" as t", "join \"genre\" as g", "t.\"title\" as varchar) like 'A%'",
                        "\"g\".\"name\"")
                .doesNotContain("track");
        assertThat(query.sourceSql()).get().asString().isEqualTo(query.query().sql());
        assertThat(query.ordered()).isTrue();
        assertThat(query.notes()).isEmpty();
    }

    @Test
    void unqualifiedColumnsAreRenamedByTheOneTableThatHasThem() {
        RewrittenQuery query = rewrite(POSTGRES, "select name, composer from track where track_id = 7");

        assertThat(query.targetSql()).get().asString()
                .isEqualTo("select \"title\", \"composers\" from \"song\" where \"song_id\" = 7");
        assertThat(query.ordered()).isFalse();
    }

    @Test
    void aDroppedColumnMakesTheQueryNotReplayableAndIsNamed() {
        RewrittenQuery query = rewrite(POSTGRES, "SELECT SUM(bytes) FROM track");

        assertThat(query.status()).isEqualTo(RewrittenQuery.Status.NOT_REPLAYABLE);
        assertThat(query.reason()).contains("track.bytes", "drops", "sizes are no longer kept");
    }

    @Test
    void aColumnThatOnlyFeedsADerivedOneNeedsAHandWrittenPair() {
        RewrittenQuery query = rewrite(POSTGRES, "SELECT first_name FROM customer WHERE customer_id = 1");

        assertThat(query.status()).isEqualTo(RewrittenQuery.Status.NOT_REPLAYABLE);
        assertThat(query.reason()).contains("customer.first_name", "display_name", "by hand");
    }

    @Test
    void valueRulesAreNotedForTheReader() {
        RewrittenQuery query = rewrite(POSTGRES, "SELECT c.email FROM customer c WHERE c.customer_id = 3");

        assertThat(query.status()).isEqualTo(RewrittenQuery.Status.REWRITTEN);
        assertThat(query.notes()).singleElement().asString().contains("customer.email -> client.email", "lower");
    }

    @Test
    void aQueryReadingATableOutsideTheMappingIsNotReplayed() {
        assertThat(rewrite(POSTGRES, "SELECT c.email, s.x FROM customer c CROSS JOIN settings s").reason())
                .isEqualTo("it reads settings, which the mapping does not cover");
        assertThat(rewrite(POSTGRES, "SELECT table_name FROM information_schema.tables").reason())
                .contains("information_schema.tables");
        assertThat(rewrite(POSTGRES, "SELECT pg_stat_statements_reset()").status())
                .isEqualTo(RewrittenQuery.Status.NOT_REPLAYABLE);
    }

    @Test
    void writesAreRefusedAndWhatTheParserCannotReadIsListedWithItsReason() {
        assertThat(rewrite(POSTGRES, "UPDATE track SET name = 'x'").status())
                .isEqualTo(RewrittenQuery.Status.NOT_A_QUERY);
        assertThat(rewrite(POSTGRES, "DELETE FROM track").reason()).contains("read-only");
        RewrittenQuery garbage = rewrite(POSTGRES, "SELEKT name FROM track");
        assertThat(garbage.status()).isEqualTo(RewrittenQuery.Status.UNPARSEABLE);
        assertThat(garbage.reason()).isNotBlank();
    }

    @Test
    void placeholdersAreFilledFromTheLogOrASamplerAndOtherwiseReported() {
        CapturedQuery normalised = CapturedQuery.of("SELECT name FROM track WHERE track_id = $1 AND genre_id = $2",
                "pg_stat_statements");

        assertThat(POSTGRES.rewrite(normalised).status()).isEqualTo(RewrittenQuery.Status.NEEDS_PARAMETERS);

        RewrittenQuery sampled = POSTGRES.sampling((query, count) -> List.of(7, 3)).rewrite(normalised);
        assertThat(sampled.status()).isEqualTo(RewrittenQuery.Status.REWRITTEN);
        assertThat(sampled.parameters()).containsExactly(7, 3);
        assertThat(sampled.sourceSql()).get().asString().endsWith("track_id = ? AND genre_id = ?");
        assertThat(sampled.targetParameters()).containsExactly(7, 3);
        assertThat(sampled.targetSql()).get().asString().contains("\"song_id\" = cast(? as int)")
                .contains("\"genre_id\" = cast(? as int)");

        RewrittenQuery observed = POSTGRES.rewrite(CapturedQuery.of("SELECT name FROM track WHERE track_id = ?",
                "digests").withParameters(List.of(9)));
        assertThat(observed.targetParameters()).containsExactly(9);
    }

    @Test
    void placeholdersKeepTheirValuesOnEveryEngine() {
        for (SQLDialect dialect : List.of(SQLDialect.H2, SQLDialect.POSTGRES, SQLDialect.MARIADB)) {
            RewrittenQuery query = QueryRewriter.through(SPEC, dialect, dialect).rewrite(
                    CapturedQuery.of("SELECT name FROM track WHERE track_id = ?", "log").withParameters(List.of(42)));

            assertThat(query.targetParameters()).as(dialect + ": " + query.targetSql()).containsExactly(42);
        }
    }

    @Test
    void aTableMovedToAnotherSchemaIsReadThere() {
        MappingSpec moved = MappingSpec.builder("moved").table("genre")
                .to(dev.migrationstudio.inventory.TableId.of("catalog", "genre"), t -> t.key("genre_id").field("name"))
                .build();

        RewrittenQuery query = QueryRewriter.through(moved, SQLDialect.POSTGRES, SQLDialect.POSTGRES)
                .rewrite(CapturedQuery.of("SELECT g.name FROM genre g WHERE g.genre_id = 3", "app"));

        assertThat(query.targetSql()).get().asString().contains("from \"catalog\".\"genre\" as g");
    }

    @Test
    void rendersForTheTargetEngine() {
        RewrittenQuery query = QueryRewriter.through(SPEC, SQLDialect.MARIADB, SQLDialect.POSTGRES)
                .rewrite(CapturedQuery.of("SELECT `name` FROM `track` WHERE `track_id` = 7", "digests"));

        assertThat(query.targetSql()).get().asString()
                .isEqualTo("select \"title\" from \"song\" where \"song_id\" = 7");
    }
}
