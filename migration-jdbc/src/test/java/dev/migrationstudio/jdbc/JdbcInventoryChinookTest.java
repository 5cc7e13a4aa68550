package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.chinook.ChinookDataset;
import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.ForeignKeyInfo;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.KeyInfo;
import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Chinook inventory is complete on every engine: 11 tables, their keys, 11 foreign keys, exact counts. */
class JdbcInventoryChinookTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void discoversEveryTableKeyForeignKeyAndExactRowCount(Engine engine) {
        try (TestDatabase db = engine.create("inventory-chinook")) {
            ChinookDataset.load(db.dataSource());

            Inventory inventory = JdbcInventory.scan(db.dataSource());

            assertThat(inventory.tables()).extracting(t -> t.id().name())
                    .containsExactlyInAnyOrderElementsOf(ChinookDataset.ROW_COUNTS.keySet());
            String schema = db.schema();
            assertThat(inventory.tables()).allSatisfy(t -> assertThat(t.id().schema()).isEqualTo(schema));
            Map<String, Long> counts = inventory.tables().stream()
                    .collect(Collectors.toMap(TableInfo::name, t -> t.rowCount().getAsLong()));
            assertThat(counts).isEqualTo(ChinookDataset.ROW_COUNTS);
            assertThat(inventory.tables()).noneMatch(TableInfo::rowCountEstimated);
            assertThat(inventory.totalRows()).isEqualTo(15_607);

            assertThat(inventory.tables()).allSatisfy(t -> assertThat(t.primaryKey()).isPresent());
            assertThat(table(inventory, "playlist_track").primaryKey()).hasValue(
                    new KeyInfo(engine == Engine.MARIADB ? "PRIMARY" : "playlist_track_pkey",
                            List.of("playlist_id", "track_id")));
            List<String> foreignKeys = inventory.tables().stream()
                    .flatMap(t -> t.foreignKeys().stream().map(fk -> t.name() + " " + fk.describe())).sorted().toList();
            assertThat(foreignKeys.stream().map(fk -> fk.replace(" " + schema + ".", " public.")).toList()).containsExactly(
                    "album (artist_id) -> public.artist(artist_id)",
                    "customer (support_rep_id) -> public.employee(employee_id)",
                    "employee (reports_to) -> public.employee(employee_id)",
                    "invoice (customer_id) -> public.customer(customer_id)",
                    "invoice_line (invoice_id) -> public.invoice(invoice_id)",
                    "invoice_line (track_id) -> public.track(track_id)",
                    "playlist_track (playlist_id) -> public.playlist(playlist_id)",
                    "playlist_track (track_id) -> public.track(track_id)",
                    "track (album_id) -> public.album(album_id)",
                    "track (genre_id) -> public.genre(genre_id)",
                    "track (media_type_id) -> public.media_type(media_type_id)");
            assertThat(table(inventory, "employee").foreignKeys()).singleElement()
                    .extracting(ForeignKeyInfo::name).isEqualTo("employee_reports_to_fkey");

            TableInfo invoice = table(inventory, "invoice");
            assertThat(invoice.columns()).extracting(ColumnInfo::name).containsExactly("invoice_id", "customer_id",
                    "invoice_date", "billing_address", "billing_city", "billing_state", "billing_country",
                    "billing_postal_code", "total");
            assertThat(invoice.column("total").orElseThrow().type()).isEqualTo(SqlType.decimal(10, 2));
            assertThat(invoice.column("total").orElseThrow().nullable()).isFalse();
            assertThat(invoice.column("billing_city").orElseThrow().type()).isEqualTo(SqlType.varchar(40));
            assertThat(invoice.column("billing_city").orElseThrow().nullable()).isTrue();
            assertThat(invoice.column("invoice_date").orElseThrow().type().kind()).isEqualTo(SqlType.Kind.TIMESTAMP);
            // Chinook's TIMESTAMP is DATETIME on MariaDB, whose default precision is whole seconds.
            assertThat(invoice.column("invoice_date").orElseThrow().type().precision())
                    .hasValue(engine == Engine.MARIADB ? 0 : 6);
            assertThat(invoice.indexes()).extracting(i -> i.columns()).contains(List.of("customer_id"));

            assertThat(inventory.loadOrder()).hasSize(11);
            assertThat(inventory.loadOrder().indexOf(TableId.of(schema, "artist")))
                    .isLessThan(inventory.loadOrder().indexOf(TableId.of(schema, "album")));
            assertThat(inventory.dependencyGraph().cycles()).singleElement()
                    .satisfies(c -> assertThat(c.isSelfReference()).isTrue());
        }
    }

    private static TableInfo table(Inventory inventory, String name) {
        return inventory.table(name).orElseThrow();
    }
}
