package dev.migrationstudio.verify;

import static dev.migrationstudio.mapping.Transforms.lowerCase;
import static dev.migrationstudio.mapping.Transforms.trim;

import dev.migrationstudio.chinook.ChinookDataset;
import dev.migrationstudio.inventory.IndexInfo;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.math.BigDecimal;
import java.util.List;
import javax.sql.DataSource;

/**
 * Chinook migrated to a "v2" schema: customers become clients (renamed columns, trimmed names,
 * lower-case e-mail, a derived display name, a dropped fax), birth dates are cast to DATE, invoice
 * totals to DECIMAL(12,2), video purchase lines are filtered out, and the playlist junction table
 * is reloaded whole, without a key. The target's column types differ a little per engine (scale of
 * totals, precision of timestamps), as real targets do.
 */
final class ChinookV2 {
    static final String VIDEO_FILTER = "video purchases are billed by the video service";

    private ChinookV2() {
    }

    static MappingSpec spec() {
        return MappingSpec.builder("chinook-to-v2")
                .table("artist", t -> t.key("artist_id").field("name"))
                .table("album", t -> t.key("album_id").field("title").field("artist_id"))
                .table("employee", t -> t.key("employee_id").field("last_name").field("first_name").field("title")
                        .field("reports_to").field("birth_date").cast("DATE").field("hire_date").field("address")
                        .field("city").field("state").field("country").field("postal_code").field("phone")
                        .field("fax").field("email"))
                .table("customer").to("client", t -> t
                        .key("customer_id").to("client_id")
                        .field("first_name").to("given_name").transform(trim())
                        .field("last_name").to("family_name").transform(trim())
                        .field("company").field("address").field("city").field("state").field("country")
                        .field("postal_code").field("phone")
                        .field("email").transform(lowerCase())
                        .field("support_rep_id")
                        .derive("display_name", List.of("first_name", "last_name"),
                                row -> row.string("first_name").strip() + " " + row.string("last_name").strip())
                        .drop("fax", "no longer collected"))
                .table("genre", t -> t.key("genre_id").field("name"))
                .table("media_type", t -> t.key("media_type_id").field("name"))
                .table("playlist", t -> t.key("playlist_id").field("name"))
                .table("track", t -> t.key("track_id").field("name").field("album_id").field("media_type_id")
                        .field("genre_id").field("composer").field("milliseconds").field("bytes").field("unit_price"))
                .table("invoice", t -> t.key("invoice_id").field("customer_id").to("client_id").field("invoice_date")
                        .field("billing_address").field("billing_city").field("billing_state")
                        .field("billing_country").field("billing_postal_code").field("total").cast("DECIMAL(12,2)"))
                .table("invoice_line", t -> t.key("invoice_line_id").field("invoice_id").field("track_id")
                        .field("unit_price").field("quantity")
                        .filter(VIDEO_FILTER, List.of("unit_price"),
                                row -> row.decimal("unit_price").compareTo(new BigDecimal("1.50")) < 0))
                .table("playlist_track", t -> t.field("playlist_id").field("track_id")
                        .withoutKey("junction table, reloaded whole"))
                .build();
    }

    /** What the v2 target is meant to have beyond what the loader declared: a unique e-mail per client. */
    static Inventory intendedTarget() {
        return Inventory.builder()
                .table(TableInfo.builder("client").notNullColumn("client_id", SqlType.integer())
                        .notNullColumn("email", SqlType.varchar(60)).primaryKey("client_id").unique("email")
                        .index(new IndexInfo("client_email_idx", List.of("email"), true)))
                .build();
    }

    static void createTarget(TestDatabase db) {
        boolean h2 = db.engine() == Engine.H2;
        String total = h2 ? "DECIMAL(14,4)" : "NUMERIC(12,2)";
        String invoiceDate = h2 ? "TIMESTAMP(3)" : "TIMESTAMP(0)";
        db.execute(
                "CREATE TABLE artist (artist_id INT PRIMARY KEY, name VARCHAR(120))",
                "CREATE TABLE album (album_id INT PRIMARY KEY, title VARCHAR(160) NOT NULL,"
                        + " artist_id INT NOT NULL REFERENCES artist (artist_id))",
                "CREATE INDEX album_artist_idx ON album (artist_id)",
                "CREATE TABLE employee (employee_id INT PRIMARY KEY, last_name VARCHAR(20) NOT NULL,"
                        + " first_name VARCHAR(20) NOT NULL, title VARCHAR(30),"
                        + " reports_to INT REFERENCES employee (employee_id), birth_date DATE, hire_date TIMESTAMP,"
                        + " address VARCHAR(70), city VARCHAR(40), state VARCHAR(40), country VARCHAR(40),"
                        + " postal_code VARCHAR(10), phone VARCHAR(24), fax VARCHAR(24), email VARCHAR(60))",
                "CREATE INDEX employee_reports_to_idx ON employee (reports_to)",
                "CREATE TABLE client (client_id INT PRIMARY KEY, given_name VARCHAR(40) NOT NULL,"
                        + " family_name VARCHAR(20) NOT NULL, company VARCHAR(80), address VARCHAR(70), city VARCHAR(40),"
                        + " state VARCHAR(40), country VARCHAR(40), postal_code VARCHAR(10), phone VARCHAR(24),"
                        + " email VARCHAR(60) NOT NULL, support_rep_id INT REFERENCES employee (employee_id),"
                        + " display_name VARCHAR(70) NOT NULL)",
                "CREATE INDEX client_email_idx ON client (email)",
                "CREATE INDEX client_support_rep_idx ON client (support_rep_id)",
                "CREATE TABLE genre (genre_id INT PRIMARY KEY, name VARCHAR(120))",
                "CREATE TABLE media_type (media_type_id INT PRIMARY KEY, name VARCHAR(120))",
                "CREATE TABLE playlist (playlist_id INT PRIMARY KEY, name VARCHAR(120))",
                "CREATE TABLE track (track_id INT PRIMARY KEY, name VARCHAR(200) NOT NULL,"
                        + " album_id INT REFERENCES album (album_id),"
                        + " media_type_id INT NOT NULL REFERENCES media_type (media_type_id),"
                        + " genre_id INT REFERENCES genre (genre_id), composer VARCHAR(220), milliseconds INT NOT NULL,"
                        + " bytes INT, unit_price NUMERIC(10,2) NOT NULL)",
                "CREATE INDEX track_album_idx ON track (album_id)",
                "CREATE INDEX track_media_type_idx ON track (media_type_id)",
                "CREATE INDEX track_genre_idx ON track (genre_id)",
                "CREATE TABLE invoice (invoice_id INT PRIMARY KEY, client_id INT NOT NULL REFERENCES client (client_id),"
                        + " invoice_date " + invoiceDate + " NOT NULL, billing_address VARCHAR(70),"
                        + " billing_city VARCHAR(40), billing_state VARCHAR(40), billing_country VARCHAR(40),"
                        + " billing_postal_code VARCHAR(10), total " + total + " NOT NULL)",
                "CREATE INDEX invoice_client_idx ON invoice (client_id)",
                "CREATE TABLE invoice_line (invoice_line_id INT PRIMARY KEY,"
                        + " invoice_id INT NOT NULL REFERENCES invoice (invoice_id),"
                        + " track_id INT NOT NULL REFERENCES track (track_id), unit_price NUMERIC(10,2) NOT NULL,"
                        + " quantity INT NOT NULL)",
                "CREATE INDEX invoice_line_invoice_idx ON invoice_line (invoice_id)",
                "CREATE INDEX invoice_line_track_idx ON invoice_line (track_id)",
                "CREATE TABLE playlist_track (playlist_id INT NOT NULL REFERENCES playlist (playlist_id),"
                        + " track_id INT NOT NULL REFERENCES track (track_id))",
                "CREATE INDEX playlist_track_playlist_idx ON playlist_track (playlist_id)",
                "CREATE INDEX playlist_track_track_idx ON playlist_track (track_id)");
    }

    /** A source with Chinook and a target migrated from it. */
    static final class Migrated implements AutoCloseable {
        final TestDatabase source;
        final TestDatabase target;
        final DataSource sourcePool;
        final DataSource targetPool;

        Migrated(Engine from, Engine to) {
            this.source = from.create("chinook-source");
            this.target = to.create("chinook-v2");
            ChinookDataset.load(source.dataSource());
            createTarget(target);
            SpecLoader.load(source.dataSource(), target.dataSource(), spec());
            this.sourcePool = Pools.of(source);
            this.targetPool = Pools.of(target);
        }

        @Override
        public void close() {
            Pools.close(sourcePool);
            Pools.close(targetPool);
            source.close();
            target.close();
        }

        @Override
        public String toString() {
            return source.engine() + " -> " + target.engine();
        }
    }
}
