package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.inventory.Artifact;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.KeyInfo;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.review.Finding;
import dev.migrationstudio.review.FindingKind;
import dev.migrationstudio.review.FindingSeverity;
import dev.migrationstudio.review.MappingReview;
import dev.migrationstudio.review.MappingReviewer;
import dev.migrationstudio.testing.ChinookDataset;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The review against real schemas and real data: a mapping seeded with one case of every finding
 * kind yields exactly those findings, with the numbers the database itself counts; a clean mapping
 * yields none.
 */
class MappingReviewTest {

    private static final String[] SOURCE_EXTRAS = {
        "CREATE TABLE reading (reading_id INT NOT NULL, sensor VARCHAR(20) NOT NULL, taken_at TIMESTAMP NOT NULL,"
                + " taken_tz TIMESTAMP WITH TIME ZONE, amount NUMERIC(12,4), code VARCHAR(10),"
                + " CONSTRAINT reading_pkey PRIMARY KEY (reading_id))",
        "INSERT INTO reading VALUES"
                + " (1, 's1', TIMESTAMP '2024-01-31 00:00:00', TIMESTAMP WITH TIME ZONE '2024-01-31 10:00:00+01:00',"
                + " 123456.5, '42'),"
                + " (2, 's1', TIMESTAMP '2024-02-01 13:45:00', NULL, 99.25, 'x7'),"
                + " (3, 's2', TIMESTAMP '2024-02-02 00:00:00', TIMESTAMP WITH TIME ZONE '2024-02-02 08:00:00+00:00',"
                + " 12345678.0, '8'),"
                + " (4, 's2', TIMESTAMP '2024-02-03 23:59:59', NULL, NULL, NULL)",
        "CREATE VIEW v_fax_list AS SELECT fax FROM customer"
    };

    private static final String[] TARGET = {
        "CREATE TABLE genre (genre_id INT NOT NULL, name VARCHAR(120), CONSTRAINT genre_pkey PRIMARY KEY (genre_id))",
        "CREATE TABLE media_type (media_type_id INT NOT NULL, name VARCHAR(120),"
                + " CONSTRAINT media_type_pkey PRIMARY KEY (media_type_id))",
        "CREATE TABLE song (song_id INT NOT NULL, title VARCHAR(50) NOT NULL, album_id INT, media_type_id INT NOT NULL,"
                + " genre_id INT, composer VARCHAR(220) NOT NULL, milliseconds INT NOT NULL, bytes SMALLINT,"
                + " unit_price NUMERIC(10,1) NOT NULL, rating INT, CONSTRAINT song_pkey PRIMARY KEY (song_id),"
                + " CONSTRAINT song_media_type_fk FOREIGN KEY (media_type_id) REFERENCES media_type (media_type_id),"
                + " CONSTRAINT song_genre_fk FOREIGN KEY (genre_id) REFERENCES genre (genre_id))",
        "CREATE TABLE client (client_id INT NOT NULL, given_name VARCHAR(40) NOT NULL, family_name VARCHAR(20) NOT NULL,"
                + " address VARCHAR(70), city VARCHAR(40), state VARCHAR(40), country VARCHAR(40),"
                + " postal_code VARCHAR(10), phone VARCHAR(24), email VARCHAR(60) NOT NULL, support_rep_id INT,"
                + " status VARCHAR(10) NOT NULL, CONSTRAINT client_pkey PRIMARY KEY (client_id),"
                + " CONSTRAINT client_country_key UNIQUE (country))",
        "CREATE TABLE reading_v2 (reading_id INT NOT NULL, sensor VARCHAR(20) NOT NULL, taken_on DATE NOT NULL,"
                + " taken_utc TIMESTAMP, amount NUMERIC(8,4), code INT, label VARCHAR(40),"
                + " CONSTRAINT reading_v2_pkey PRIMARY KEY (reading_id))",
        "CREATE TABLE invoice_archive (invoice_id INT NOT NULL, CONSTRAINT invoice_archive_pkey PRIMARY KEY (invoice_id))"
    };

    /** One case of every finding kind (see the comments), and one acknowledged blocker. */
    private static MappingSpec seeded() {
        return MappingSpec.builder("seeded")
                .table("genre", t -> t.key("genre_id").field("name"))
                // media_type is not mapped: UNMAPPED_SOURCE_TABLE, and FK_PARENT_NOT_MIGRATED for song
                .table("track").to("song", t -> t
                        .key("track_id").to("song_id")
                        .field("name").to("title")                     // VARCHAR(200) -> (50): LENGTH_NARROWING
                        .field("album_id").field("media_type_id").field("genre_id")
                        .field("composer")                             // NULLs into NOT NULL
                        .field("milliseconds")
                        .field("bytes")                                // INTEGER -> SMALLINT: INTEGER_RANGE
                        .field("unit_price"))                          // (10,2) -> (10,1): SCALE_NARROWING
                                                                       // song.rating: UNFILLED_TARGET_COLUMN
                .table("customer").to("client", t -> t
                        .key("customer_id").to("client_id")
                        .field("first_name").to("given_name").field("last_name").to("family_name")
                        .field("address").field("city").field("state")
                        .field("country")                              // unique in client: NON_UNIQUE_KEY
                        .field("postal_code")
                        .field("phone").cast("VARCHAR(15)")            // VALUES_REJECTED
                        .field("email").field("support_rep_id")
                        .drop("fax", "no longer collected")            // v_fax_list reads it: BROKEN_CONSUMER
                        .fill("loyalty_tier", "GOLD")                  // UNKNOWN_TARGET_COLUMN
                        .acknowledge("fax", FindingKind.BROKEN_CONSUMER, "the fax list is retired with v2")
                        .acknowledge("email", FindingKind.NON_UNIQUE_KEY, "no such finding")) // UNUSED_ACKNOWLEDGEMENT
                                                                       // company: UNMAPPED_SOURCE_COLUMN
                                                                       // client.status: UNFILLED_NOT_NULL
                .table("reading").to("reading_v2", t -> t
                        .key("reading_id").field("sensor")
                        .field("taken_at").to("taken_on")              // TIMESTAMP -> DATE
                        .field("taken_tz").to("taken_utc")             // TIME_ZONE_LOSS
                        .field("amount")                               // (12,4) -> (8,4): PRECISION_NARROWING
                        .field("code")                                 // VARCHAR -> INTEGER: TYPE_INCOMPATIBLE
                        .derive("label", List.of("sensor", "location"), row -> row.string("sensor"))) // UNKNOWN_SOURCE_COLUMN
                .table("invoice_archive", t -> t.key("invoice_id"))   // UNKNOWN_TABLE
                .build();
    }

    private static long count(TestDatabase db, String sql) {
        return ((Number) db.queryValue(sql)).longValue();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aSeededMappingYieldsExactlyOneFindingOfEachKindWithTheMeasuredCounts(Engine engine) {
        try (TestDatabase sourceDb = engine.create("review-source"); TestDatabase targetDb = engine.create("review-target")) {
            ChinookDataset.load(sourceDb.dataSource());
            sourceDb.execute(SOURCE_EXTRAS);
            targetDb.execute(TARGET);
            Inventory source = JdbcInventory.configure()
                    .exclude("invoice", "invoice_line", "playlist", "playlist_track", "album", "artist", "employee")
                    .scan(sourceDb.dataSource()).toBuilder()
                    .artifact(Artifact.service("catalog-api").reads("genre"))
                    .build();
            Inventory target = JdbcInventory.scan(targetDb.dataSource());
            CountingDataSource counting = new CountingDataSource(sourceDb.dataSource());

            MappingReview review = MappingReviewer.review(seeded(), source, target, DataProfiler.of(counting));

            Map<FindingKind, Finding> byKind = new EnumMap<>(FindingKind.class);
            review.findings().forEach(f -> assertThat(byKind.put(f.kind(), f)).as("second %s: %s", f.kind(), f).isNull());
            assertThat(byKind.keySet()).containsExactlyInAnyOrder(FindingKind.values());

            Map<FindingKind, Long> expectedRows = new EnumMap<>(FindingKind.class);
            expectedRows.put(FindingKind.LENGTH_NARROWING, count(sourceDb, "SELECT COUNT(*) FROM track WHERE LENGTH(name) > 50"));
            expectedRows.put(FindingKind.INTEGER_RANGE,
                    count(sourceDb, "SELECT COUNT(*) FROM track WHERE bytes > 32767 OR bytes < -32768"));
            expectedRows.put(FindingKind.SCALE_NARROWING,
                    count(sourceDb, "SELECT COUNT(*) FROM track WHERE unit_price <> ROUND(unit_price, 1)"));
            expectedRows.put(FindingKind.NULLS_INTO_NOT_NULL,
                    count(sourceDb, "SELECT COUNT(*) FROM track WHERE composer IS NULL"));
            expectedRows.put(FindingKind.FK_PARENT_NOT_MIGRATED, count(sourceDb, "SELECT COUNT(media_type_id) FROM track"));
            expectedRows.put(FindingKind.UNFILLED_TARGET_COLUMN, count(sourceDb, "SELECT COUNT(*) FROM track"));
            expectedRows.put(FindingKind.UNMAPPED_SOURCE_COLUMN, count(sourceDb, "SELECT COUNT(company) FROM customer"));
            expectedRows.put(FindingKind.VALUES_REJECTED,
                    count(sourceDb, "SELECT COUNT(*) FROM customer WHERE LENGTH(phone) > 15"));
            expectedRows.put(FindingKind.NON_UNIQUE_KEY,
                    count(sourceDb, "SELECT COUNT(country) - COUNT(DISTINCT country) FROM customer"));
            expectedRows.put(FindingKind.UNFILLED_NOT_NULL, count(sourceDb, "SELECT COUNT(*) FROM customer"));
            expectedRows.put(FindingKind.UNMAPPED_SOURCE_TABLE, count(sourceDb, "SELECT COUNT(*) FROM media_type"));
            expectedRows.put(FindingKind.TIMESTAMP_TO_DATE,
                    count(sourceDb, "SELECT COUNT(*) FROM reading WHERE CAST(taken_at AS DATE) <> taken_at"));
            expectedRows.put(FindingKind.TIME_ZONE_LOSS, count(sourceDb, "SELECT COUNT(taken_tz) FROM reading"));
            expectedRows.put(FindingKind.PRECISION_NARROWING,
                    count(sourceDb, "SELECT COUNT(*) FROM reading WHERE ABS(amount) >= 10000"));
            expectedRows.put(FindingKind.TYPE_INCOMPATIBLE, 1L); // 'x7', the one code that is not a number
            for (FindingKind kind : FindingKind.values()) {
                OptionalLong expected = expectedRows.containsKey(kind) ? OptionalLong.of(expectedRows.get(kind))
                        : OptionalLong.empty();
                assertThat(byKind.get(kind).affectedRows()).as("rows of %s", byKind.get(kind)).isEqualTo(expected);
            }
            assertThat(expectedRows.values()).allMatch(n -> n > 0);

            List<FindingKind> warnings = List.of(FindingKind.UNMAPPED_SOURCE_TABLE, FindingKind.UNFILLED_TARGET_COLUMN);
            for (FindingKind kind : FindingKind.values()) {
                FindingSeverity expected = warnings.contains(kind) ? FindingSeverity.WARNING
                        : kind == FindingKind.UNUSED_ACKNOWLEDGEMENT ? FindingSeverity.INFO : FindingSeverity.BLOCKER;
                assertThat(byKind.get(kind).severity()).as("severity of %s", byKind.get(kind)).isEqualTo(expected);
            }
            assertThat(byKind.get(FindingKind.BROKEN_CONSUMER).message())
                    .isEqualTo("view public.v_fax_list reads customer.fax, which the spec drops (no longer collected)");
            assertThat(byKind.get(FindingKind.BROKEN_CONSUMER).acknowledgement()).hasValue("the fax list is retired with v2");
            assertThat(byKind.get(FindingKind.LENGTH_NARROWING).message()).contains("the longest has "
                    + count(sourceDb, "SELECT MAX(LENGTH(name)) FROM track") + " characters (key track_id=");
            assertThat(byKind.get(FindingKind.UNKNOWN_SOURCE_COLUMN).location()).isEqualTo("reading.location");
            assertThat(byKind.get(FindingKind.UNKNOWN_TARGET_COLUMN).location()).isEqualTo("client.loyalty_tier");
            assertThat(byKind.get(FindingKind.UNKNOWN_TABLE).location()).isEqualTo("invoice_archive");
            assertThat(review.passed()).isFalse();
            assertThat(review.blockers()).hasSize(FindingKind.values().length - 2 - 1 - 1);

            // Each mapped source table was read once, by one statement.
            for (String table : List.of("genre", "track", "customer", "reading")) {
                assertThat(counting.count("\"" + table + "\"")).as("statements reading %s", table).isEqualTo(1);
            }
            assertThat(counting.statements()).hasSize(4);
        }
    }

    /** Maps every table of an inventory to itself, every column unchanged. */
    private static MappingSpec identity(Inventory inventory) {
        MappingSpec.Builder spec = MappingSpec.builder("identity");
        for (TableInfo table : inventory.tables()) {
            List<String> key = table.primaryKey().map(KeyInfo::columns).orElseThrow();
            spec.table(table.name(), t -> {
                key.forEach(t::key);
                table.columnNames().stream().filter(c -> !key.contains(c)).forEach(t::field);
            });
        }
        return spec.source(inventory).build();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aCleanMappingOfChinookYieldsNoFinding(Engine engine) {
        try (TestDatabase sourceDb = engine.create("clean-source"); TestDatabase targetDb = engine.create("clean-target")) {
            String view = "CREATE VIEW v_invoice_totals AS SELECT customer_id, SUM(total) AS total FROM invoice"
                    + " GROUP BY customer_id";
            ChinookDataset.load(sourceDb.dataSource());
            sourceDb.execute(view);
            targetDb.runScriptText(String.join(";\n", Arrays.stream(ChinookDataset.statements().toArray(String[]::new))
                    .filter(s -> !s.startsWith("INSERT")).toList()));
            targetDb.execute(view);
            Inventory source = JdbcInventory.scan(sourceDb.dataSource()).toBuilder()
                    .artifact(Artifact.service("billing-api").reads("invoice", "customer.email")).build();
            Inventory target = JdbcInventory.scan(targetDb.dataSource());

            MappingReview review = MappingReviewer.review(identity(source), source, target,
                    DataProfiler.of(sourceDb.dataSource()));

            assertThat(review.findings()).isEmpty();
            assertThat(review.passed()).isTrue();
            assertThat(review.profiles()).hasSize(11);
            assertThat(source.views()).singleElement().satisfies(v -> assertThat(v.reads()).isNotEmpty());
        }
    }
}
