package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.chinook.ChinookDataset;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * All of Chinook across engines, identity-mapped: parents before children, the composite key of
 * {@code playlist_track}, the {@code employee.reports_to} self-reference, money and Unicode intact.
 */
class ChinookCopyTest {

    private static MappingSpec identity() {
        return MappingSpec.builder("chinook-copy")
                .table("artist", t -> t.key("artist_id").field("name"))
                .table("album", t -> t.key("album_id").field("title").field("artist_id"))
                .table("employee", t -> t.key("employee_id").field("last_name").field("first_name").field("title")
                        .field("reports_to").field("birth_date").field("hire_date").field("address").field("city")
                        .field("state").field("country").field("postal_code").field("phone").field("fax")
                        .field("email"))
                .table("customer", t -> t.key("customer_id").field("first_name").field("last_name").field("company")
                        .field("address").field("city").field("state").field("country").field("postal_code")
                        .field("phone").field("fax").field("email").field("support_rep_id"))
                .table("genre", t -> t.key("genre_id").field("name"))
                .table("media_type", t -> t.key("media_type_id").field("name"))
                .table("track", t -> t.key("track_id").field("name").field("album_id").field("media_type_id")
                        .field("genre_id").field("composer").field("milliseconds").field("bytes").field("unit_price"))
                .table("invoice", t -> t.key("invoice_id").field("customer_id").field("invoice_date")
                        .field("billing_address").field("billing_city").field("billing_state").field("billing_country")
                        .field("billing_postal_code").field("total"))
                .table("invoice_line", t -> t.key("invoice_line_id").field("invoice_id").field("track_id")
                        .field("unit_price").field("quantity"))
                .table("playlist", t -> t.key("playlist_id").field("name"))
                .table("playlist_track", t -> t.key("playlist_id").key("track_id"))
                .build();
    }

    /** With several writers per table too: parents still load before their children, table by table. */
    @ParameterizedTest(name = "{0} -> {1}, {2} writers per table")
    @CsvSource({"H2, POSTGRES, 1", "POSTGRES, H2, 1", "H2, MARIADB, 3", "MARIADB, POSTGRES, 3"})
    void copiesEveryTableAcrossEngines(Engine from, Engine to, int writers) {
        try (TestDatabase source = from.create("chinook-src"); TestDatabase target = to.create("chinook-tgt")) {
            ChinookDataset.load(source.dataSource());
            ChinookDataset.loadSchema(target.dataSource());

            MigrationResult result = JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource())
                    .spec(identity()).chunkSize(1_000).parallelism(3).writersPerTable(writers).logProgress(false).load()
                    .migrate();

            assertThat(result.isComplete()).isTrue();
            assertThat(result.isBalanced()).isTrue();
            assertThat(result.tables()).extracting(TableResult::mapping).containsExactly("artist -> artist",
                    "album -> album", "employee -> employee", "customer -> customer", "genre -> genre",
                    "invoice -> invoice", "media_type -> media_type", "playlist -> playlist", "track -> track",
                    "invoice_line -> invoice_line", "playlist_track -> playlist_track");
            ChinookDataset.ROW_COUNTS.forEach((table, rows) ->
                    assertThat(target.queryValue("SELECT COUNT(*) FROM " + table)).as(table).isEqualTo(rows));
            assertThat((BigDecimal) target.queryValue("SELECT SUM(total) FROM invoice")).isEqualByComparingTo("2328.60");
            assertThat(target.query("SELECT employee_id, reports_to FROM employee ORDER BY employee_id"))
                    .extracting(r -> r[1] == null ? null : ((Number) r[1]).intValue())
                    .containsExactly(null, 1, 2, 2, 2, 1, 6, 6);
            assertThat(target.queryValue("SELECT name FROM artist WHERE artist_id = 77")).isEqualTo(
                    source.queryValue("SELECT name FROM artist WHERE artist_id = 77"));
            assertThat(result.table("playlist_track").orElseThrow().chunksDone()).isEqualTo(9);
            assertThat(List.of(result.toMarkdown())).singleElement().asString()
                    .contains("| playlist_track -> playlist_track | COMPLETED | 8,715 |");
        }
    }
}
