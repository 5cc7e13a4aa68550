package dev.migrationstudio;

import static dev.migrationstudio.inventory.SqlType.decimal;
import static dev.migrationstudio.inventory.SqlType.integer;
import static dev.migrationstudio.inventory.SqlType.timestamp;
import static dev.migrationstudio.inventory.SqlType.varchar;

import dev.migrationstudio.inventory.ForeignKeyInfo;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.KeyInfo;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.TableInfo;
import java.util.List;

/** The Chinook schema as an inventory, written by hand: 11 tables, 11 foreign keys. */
public final class ChinookFixture {
    private ChinookFixture() {
    }

    public static Inventory inventory() {
        return Inventory.builder()
                .table(TableInfo.builder("album").notNullColumn("album_id", integer())
                        .notNullColumn("title", varchar(160)).notNullColumn("artist_id", integer())
                        .primaryKey("album_id").references("artist_id", "artist", "artist_id").rowCount(347))
                .table(TableInfo.builder("artist").notNullColumn("artist_id", integer()).column("name", varchar(120))
                        .primaryKey("artist_id").rowCount(275))
                .table(TableInfo.builder("customer").notNullColumn("customer_id", integer())
                        .notNullColumn("first_name", varchar(40)).notNullColumn("last_name", varchar(20))
                        .column("company", varchar(80)).column("address", varchar(70)).column("city", varchar(40))
                        .column("state", varchar(40)).column("country", varchar(40)).column("postal_code", varchar(10))
                        .column("phone", varchar(24)).column("fax", varchar(24)).notNullColumn("email", varchar(60))
                        .column("support_rep_id", integer()).primaryKey("customer_id")
                        .references("support_rep_id", "employee", "employee_id").rowCount(59))
                .table(TableInfo.builder("employee").notNullColumn("employee_id", integer())
                        .notNullColumn("last_name", varchar(20)).notNullColumn("first_name", varchar(20))
                        .column("title", varchar(30)).column("reports_to", integer())
                        .column("birth_date", timestamp()).column("hire_date", timestamp())
                        .column("email", varchar(60)).primaryKey("employee_id")
                        .references("reports_to", "employee", "employee_id").rowCount(8))
                .table(TableInfo.builder("genre").notNullColumn("genre_id", integer()).column("name", varchar(120))
                        .primaryKey("genre_id").rowCount(25))
                .table(TableInfo.builder("invoice").notNullColumn("invoice_id", integer())
                        .notNullColumn("customer_id", integer()).notNullColumn("invoice_date", timestamp())
                        .column("billing_country", varchar(40)).notNullColumn("total", decimal(10, 2))
                        .primaryKey("invoice_id").references("customer_id", "customer", "customer_id").rowCount(412))
                .table(TableInfo.builder("invoice_line").notNullColumn("invoice_line_id", integer())
                        .notNullColumn("invoice_id", integer()).notNullColumn("track_id", integer())
                        .notNullColumn("unit_price", decimal(10, 2)).notNullColumn("quantity", integer())
                        .primaryKey("invoice_line_id").references("invoice_id", "invoice", "invoice_id")
                        .references("track_id", "track", "track_id").rowCount(2240))
                .table(TableInfo.builder("media_type").notNullColumn("media_type_id", integer())
                        .column("name", varchar(120)).primaryKey("media_type_id").rowCount(5))
                .table(TableInfo.builder("playlist").notNullColumn("playlist_id", integer())
                        .column("name", varchar(120)).primaryKey("playlist_id").rowCount(18))
                .table(TableInfo.builder("playlist_track").notNullColumn("playlist_id", integer())
                        .notNullColumn("track_id", integer())
                        .primaryKey(new KeyInfo("playlist_track_pkey", List.of("playlist_id", "track_id")))
                        .references("playlist_id", "playlist", "playlist_id")
                        .foreignKey(new ForeignKeyInfo("playlist_track_track_id_fkey", List.of("track_id"),
                                TableId.of("track"), List.of("track_id")))
                        .rowCount(8715))
                .table(TableInfo.builder("track").notNullColumn("track_id", integer())
                        .notNullColumn("name", varchar(200)).column("album_id", integer())
                        .notNullColumn("media_type_id", integer()).column("genre_id", integer())
                        .column("composer", varchar(220)).notNullColumn("milliseconds", integer())
                        .column("bytes", integer()).notNullColumn("unit_price", decimal(10, 2))
                        .primaryKey("track_id").references("album_id", "album", "album_id")
                        .references("genre_id", "genre", "genre_id")
                        .references("media_type_id", "media_type", "media_type_id").rowCount(3503))
                .build();
    }
}
