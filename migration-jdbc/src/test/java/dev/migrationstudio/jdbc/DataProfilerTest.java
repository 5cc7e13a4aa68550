package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.chinook.ChinookDataset;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.review.ColumnProfile;
import dev.migrationstudio.review.FieldProfile;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.review.KeyProfile;
import dev.migrationstudio.review.ProfileRequest;
import dev.migrationstudio.review.TableProfile;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The profile's numbers agree with what the database itself computes, and each table is read once. */
class DataProfilerTest {

    private static long number(TestDatabase db, String sql) {
        return ((Number) db.queryValue(sql)).longValue();
    }

    private static LocalDateTime timestamp(TestDatabase db, String sql) {
        Object value = db.queryValue(sql);
        return value instanceof java.sql.Timestamp ? ((java.sql.Timestamp) value).toLocalDateTime() : (LocalDateTime) value;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void measuresEachColumnAsTheDatabaseWouldCountIt(Engine engine) {
        try (TestDatabase db = engine.create("profile-columns")) {
            ChinookDataset.load(db.dataSource());
            Inventory inventory = JdbcInventory.scan(db.dataSource());

            TableProfile track = DataProfiler.of(db.dataSource()).profile(inventory.table("track").orElseThrow());
            TableProfile invoice = DataProfiler.of(db.dataSource()).fetchSize(50)
                    .profile(inventory.table("invoice").orElseThrow());

            assertThat(track.rows()).isEqualTo(3_503);
            ColumnProfile composer = track.column("composer").orElseThrow();
            assertThat(composer.nulls()).isEqualTo(number(db, "SELECT COUNT(*) FROM track WHERE composer IS NULL"));
            assertThat(composer.maxLength()).hasValue(number(db, "SELECT MAX(CHAR_LENGTH(composer)) FROM track"));
            assertThat(composer.longest().orElseThrow().key()).startsWith("track_id=");
            ColumnProfile price = track.column("unit_price").orElseThrow();
            assertThat(price.min().orElseThrow()).isEqualByComparingTo((BigDecimal) db.queryValue("SELECT MIN(unit_price) FROM track"));
            assertThat(price.max().orElseThrow()).isEqualByComparingTo((BigDecimal) db.queryValue("SELECT MAX(unit_price) FROM track"));
            assertThat(price.maxScale()).hasValue(2);
            assertThat(price.maxIntegerDigits()).hasValue(1);
            assertThat(track.column("milliseconds").orElseThrow().maxIntegerDigits())
                    .hasValue(String.valueOf(number(db, "SELECT MAX(milliseconds) FROM track")).length());
            ColumnProfile date = invoice.column("invoice_date").orElseThrow();
            assertThat(date.earliest()).hasValue(timestamp(db, "SELECT MIN(invoice_date) FROM invoice"));
            assertThat(date.latest()).hasValue(timestamp(db, "SELECT MAX(invoice_date) FROM invoice"));
            assertThat(date.withTimeOfDay()).isZero();
            assertThat(invoice.column("billing_state").orElseThrow().nulls())
                    .isEqualTo(number(db, "SELECT COUNT(*) FROM invoice WHERE billing_state IS NULL"));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void readsEachTableOnceAndCountsDuplicatesLikeTheDatabase(Engine engine) {
        try (TestDatabase db = engine.create("profile-once")) {
            ChinookDataset.load(db.dataSource());
            Inventory inventory = JdbcInventory.scan(db.dataSource());
            TableInfo invoice = inventory.table("invoice").orElseThrow();
            TableMapping mapping = MappingSpec.builder("s").table("invoice", t -> t.key("invoice_id")
                    .field("billing_country").cast("VARCHAR(6)").field("total")).build().table("invoice").orElseThrow();
            CountingDataSource counting = new CountingDataSource(db.dataSource());

            TableProfile once = DataProfiler.of(counting).profile(ProfileRequest.of(invoice)
                    .withKey(List.of("invoice_id")).withKey(List.of("billing_country"))
                    .withMapping(mapping, Optional.of(invoice)));

            assertThat(counting.statements()).hasSize(1);
            String q = engine == Engine.MARIADB ? "`" : "\"";
            assertThat(counting.statements().get(0)).contains(q + "invoice" + q).contains("order by " + q + "billing_country" + q);
            long nonNull = number(db, "SELECT COUNT(billing_country) FROM invoice");
            long distinct = number(db, "SELECT COUNT(DISTINCT billing_country) FROM invoice");
            KeyProfile country = once.key(List.of("billing_country")).orElseThrow();
            assertThat(country.distinct()).isEqualTo(distinct);
            assertThat(country.duplicateRows()).isEqualTo(nonNull - distinct);
            assertThat(country.duplicateValues()).isEqualTo(number(db,
                    "SELECT COUNT(*) FROM (SELECT billing_country FROM invoice GROUP BY billing_country HAVING COUNT(*) > 1) d"));
            assertThat(once.key(List.of("invoice_id")).orElseThrow().guaranteedBy())
                    .hasValue(engine == Engine.MARIADB ? "PRIMARY" : "invoice_pkey");
            FieldProfile countryField = once.mapping(mapping).orElseThrow().field("billing_country").orElseThrow();
            assertThat(countryField.rejectedByRule()).containsEntry("cast to VARCHAR(6)",
                    number(db, "SELECT COUNT(*) FROM invoice WHERE CHAR_LENGTH(billing_country) > 6"));

            counting.reset();
            TableProfile twice = DataProfiler.of(counting).profile(ProfileRequest.of(invoice)
                    .withKey(List.of("billing_country")).withKey(List.of("billing_city", "billing_state")));

            assertThat(counting.statements()).hasSize(2);
            assertThat(counting.statements().get(1)).contains("group by").contains("having");
            KeyProfile cityState = twice.key(List.of("billing_city", "billing_state")).orElseThrow();
            long nullRows = number(db, "SELECT COUNT(*) FROM invoice WHERE billing_city IS NULL OR billing_state IS NULL");
            assertThat(cityState.rowsWithNull()).isEqualTo(nullRows);
            assertThat(cityState.distinct()).isEqualTo(number(db, "SELECT COUNT(*) FROM (SELECT DISTINCT billing_city, "
                    + "billing_state FROM invoice WHERE billing_city IS NOT NULL AND billing_state IS NOT NULL) d"));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void profilesQuotedNamesAndEmptyTablesAndNamesTheTableWhenItCannotRead(Engine engine) {
        try (TestDatabase db = engine.create("profile-names")) {
            db.execute("CREATE TABLE \"Order Lines\" (\"Id\" INT PRIMARY KEY, \"select\" VARCHAR(10), \"When\" DATE)",
                    "CREATE TABLE empty_one (id INT PRIMARY KEY)",
                    "INSERT INTO \"Order Lines\" VALUES (1, 'it''s', DATE '2024-01-31'), (2, NULL, NULL)");
            Inventory inventory = JdbcInventory.scan(db.dataSource());

            TableProfile lines = DataProfiler.of(db.dataSource()).profile(inventory.table("Order Lines").orElseThrow());
            TableProfile empty = DataProfiler.of(db.dataSource()).profile(inventory.table("empty_one").orElseThrow());

            assertThat(lines.column("select").orElseThrow().maxLength()).hasValue(4);
            assertThat(lines.column("When").orElseThrow().nulls()).isEqualTo(1);
            assertThat(empty.rows()).isZero();
            assertThat(empty.column("id").orElseThrow().min()).isEmpty();
            db.execute("DROP TABLE empty_one");
            assertThatThrownBy(() -> DataProfiler.of(db.dataSource()).profile(inventory.table("empty_one").orElseThrow()))
                    .isInstanceOf(MigrationException.class).hasMessageStartingWith("cannot profile table " + db.schema() + ".empty_one:");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void checksEveryValueAgainstTheTargetType(Engine engine) {
        try (TestDatabase db = engine.create("profile-fit")) {
            ChinookDataset.load(db.dataSource());
            Inventory inventory = JdbcInventory.scan(db.dataSource());
            TableInfo track = inventory.table("track").orElseThrow();
            TableInfo target = TableInfo.builder("song").notNullColumn("track_id", dev.migrationstudio.inventory.SqlType.integer())
                    .column("name", dev.migrationstudio.inventory.SqlType.varchar(50)).build();
            TableMapping mapping = MappingSpec.builder("s").table("track").to("song", t -> t.key("track_id").field("name"))
                    .build().table("track").orElseThrow();

            FieldProfile name = DataProfiler.of(db.dataSource()).profile(ProfileRequest.of(track)
                    .withMapping(mapping, Optional.of(target))).mapping(mapping).orElseThrow().field("name").orElseThrow();

            assertThat(name.loss(FindingKind.LENGTH_NARROWING).orElseThrow().rows())
                    .isEqualTo(number(db, "SELECT COUNT(*) FROM track WHERE CHAR_LENGTH(name) > 50"));
            assertThat(name.loss(FindingKind.LENGTH_NARROWING).orElseThrow().worst())
                    .isEqualTo(number(db, "SELECT MAX(CHAR_LENGTH(name)) FROM track"));
        }
    }
}
