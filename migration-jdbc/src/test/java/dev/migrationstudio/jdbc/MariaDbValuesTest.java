package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.migrationstudio.mapping.Transforms.convert;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.jdbc.source.SourceCursor;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.NativeValue;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * What MariaDB (and MySQL) hold that other engines do not: DATETIME versus TIMESTAMP, unsigned
 * integers, TINYINT(1), BIT(n), YEAR, zero dates. Read exactly, written exactly, never a silent NULL.
 */
class MariaDbValuesTest {

    private static List<Object[]> read(Connection connection, String sql) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        try (SourceCursor cursor = SourceCursor.open(connection, sql, List.of(), 100)) {
            for (Object[] row = cursor.next(); row != null; row = cursor.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static String sessionZone(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT @@session.time_zone")) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void datetimeAndTimestampReadWithoutAnHourShiftWhateverTheJvmAndSessionZones() throws Exception {
        TimeZone jvmZone = TimeZone.getDefault();
        try (TestDatabase db = Engine.MARIADB.create("zones")) {
            // Written in a UTC session: the TIMESTAMP is the instant 2024-01-31 12:45:00 UTC.
            db.execute("CREATE TABLE t (id INT PRIMARY KEY, local_time DATETIME(6), instant TIMESTAMP(6) NULL)",
                    "INSERT INTO t VALUES (1, '2024-03-31 02:30:00.123456', '2024-01-31 12:45:00.5'),"
                            + " (2, '2024-10-27 02:30:00', '2024-10-27 00:30:00')");
            TimeZone.setDefault(TimeZone.getTimeZone("America/Sao_Paulo"));
            try (Connection connection = db.dataSource().getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET time_zone = '+05:00'");
                }

                List<Object[]> rows = read(connection, "SELECT local_time, instant FROM t ORDER BY id");

                assertThat(rows.get(0)).containsExactly(LocalDateTime.of(2024, 3, 31, 2, 30, 0, 123_456_000),
                        OffsetDateTime.of(2024, 1, 31, 12, 45, 0, 500_000_000, ZoneOffset.UTC));
                assertThat(rows.get(1)).containsExactly(LocalDateTime.of(2024, 10, 27, 2, 30),
                        OffsetDateTime.of(2024, 10, 27, 0, 30, 0, 0, ZoneOffset.UTC));
                assertThat(sessionZone(connection)).as("the session's own zone, put back").isEqualTo("+05:00");
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET time_zone = DEFAULT");
                }
            }
        } finally {
            TimeZone.setDefault(jvmZone);
        }
    }

    @Test
    void unsignedIntegersTinyintOneBitsAndYearsReadExactly() throws Exception {
        try (TestDatabase db = Engine.MARIADB.create("numbers")) {
            db.execute("CREATE TABLE t (id INT PRIMARY KEY, big BIGINT UNSIGNED, plain INT UNSIGNED, flag TINYINT(1),"
                            + " bits BIT(5), bit1 BIT(1), y YEAR)",
                    "INSERT INTO t VALUES (1, 18446744073709551615, 4294967295, 1, b'10101', b'1', 2024),"
                            + " (2, 9223372036854775808, 0, 0, b'00000', b'0', 1999),"
                            + " (3, NULL, NULL, 2, NULL, NULL, NULL)");
            try (Connection connection = db.dataSource().getConnection()) {
                List<Object[]> rows = read(connection, "SELECT big, plain, flag, bits, bit1, y FROM t ORDER BY id");

                assertThat(rows.get(0)).containsExactly(new BigDecimal("18446744073709551615"), 4294967295L, true,
                        21L, true, 2024);
                assertThat(rows.get(1)).containsExactly(new BigDecimal("9223372036854775808"), 0L, false, 0L, false,
                        1999);
                assertThat(rows.get(2)).containsExactly(null, null, new NativeValue("TINYINT(1)", "2"), null, null,
                        null);
            }
        }
    }

    @Test
    void zeroDatesAreNativeValuesNeverNullOrAnotherDay() throws Exception {
        try (TestDatabase db = Engine.MARIADB.create("zero-dates")) {
            db.execute("CREATE TABLE t (id INT PRIMARY KEY, d DATE, dt DATETIME, ts TIMESTAMP NULL)");
            try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SET SESSION sql_mode = ''");
                statement.execute("INSERT INTO t VALUES (1, '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00'),"
                        + " (2, '2020-00-15', '2020-01-00 10:00:00', NULL), (3, NULL, '2024-02-29 23:59:59', NULL)");
                statement.execute("SET SESSION sql_mode = DEFAULT");

                List<Object[]> rows = read(connection, "SELECT d, dt, ts FROM t ORDER BY id");

                assertThat(rows.get(0)).containsExactly(new NativeValue("DATE", "0000-00-00"),
                        new NativeValue("DATETIME", "0000-00-00 00:00:00"),
                        new NativeValue("TIMESTAMP", "0000-00-00 00:00:00"));
                assertThat(rows.get(1)).containsExactly(new NativeValue("DATE", "2020-00-15"),
                        new NativeValue("DATETIME", "2020-01-00 10:00:00"), null);
                assertThat(rows.get(2)).containsExactly(null, LocalDateTime.of(2024, 2, 29, 23, 59, 59), null);
                assertThat(((NativeValue) rows.get(1)[0]).isZeroDate()).isTrue();
            }
        }
    }

    private static final MappingSpec EVENTS = MappingSpec.builder("events")
            .table("event", t -> t.key("id").field("happened").field("note"))
            .build();

    private static void zeroDateSource(TestDatabase source) throws Exception {
        source.execute("CREATE TABLE event (id INT PRIMARY KEY, happened DATE, note VARCHAR(20))");
        try (Connection connection = source.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION sql_mode = ''");
            statement.execute("INSERT INTO event VALUES (1, '2024-01-31', 'fine'), (2, '0000-00-00', 'zero'),"
                    + " (3, NULL, 'none'), (4, '2020-00-15', 'zero month')");
            statement.execute("SET SESSION sql_mode = DEFAULT");
        }
    }

    @Test
    void aZeroDateIntoPostgresIsQuarantinedNamingTableColumnAndValue() throws Exception {
        try (TestDatabase source = Engine.MARIADB.create("src"); TestDatabase target = Engine.POSTGRES.create("tgt")) {
            zeroDateSource(source);
            target.execute("CREATE TABLE event (id INT PRIMARY KEY, happened DATE, note VARCHAR(20))");

            MigrationResult result = JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource())
                    .spec(EVENTS).onBadRow(BadRows.quarantine()).logProgress(false).load().migrate();

            assertThat(result.table("event").orElseThrow().total().loaded()).isEqualTo(2);
            assertThat(result.table("event").orElseThrow().total().quarantined()).isEqualTo(2);
            assertThat(target.query("SELECT id, happened FROM event ORDER BY id")).extracting(r -> r[0])
                    .containsExactly(1, 3);
            assertThat(target.queryValue("SELECT happened FROM event WHERE id = 3")).isNull();
            List<Object[]> quarantined = target.query("SELECT column_name, reason FROM ms_quarantine ORDER BY seq");
            assertThat(quarantined).hasSize(2);
            assertThat(quarantined.get(0)[0]).isEqualTo("happened");
            assertThat((String) quarantined.get(0)[1]).contains("column happened of ").contains("event")
                    .contains("cannot hold DATE '0000-00-00' (a zero date");
            assertThat((String) quarantined.get(1)[1]).contains("DATE '2020-00-15'");
        }
    }

    @Test
    void aRuleOfTheSpecTurnsZeroDatesIntoNulls() throws Exception {
        MappingSpec spec = MappingSpec.builder("events").table("event", t -> t.key("id")
                .field("happened").transform(convert("zero dates to NULL", value -> value instanceof NativeValue ? null : value))
                .field("note")).build();
        try (TestDatabase source = Engine.MARIADB.create("src"); TestDatabase target = Engine.POSTGRES.create("tgt")) {
            zeroDateSource(source);
            target.execute("CREATE TABLE event (id INT PRIMARY KEY, happened DATE, note VARCHAR(20))");

            MigrationResult result = JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource())
                    .spec(spec).logProgress(false).load().migrate();

            assertThat(result.table("event").orElseThrow().total().loaded()).isEqualTo(4);
            assertThat(target.query("SELECT happened FROM event ORDER BY id")).extracting(r -> r[0])
                    .containsExactly(java.sql.Date.valueOf("2024-01-31"), null, null, null);
        }
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("../README.md"))).as("the README shows this rule")
                .contains(".field(\"happened\").transform(convert(\"zero dates to NULL\", value -> value instanceof "
                        + "NativeValue ? null : value))");
    }

    @Test
    void aZeroDateIntoMariaDbArrivesAsItWas() throws Exception {
        try (TestDatabase source = Engine.MARIADB.create("src"); TestDatabase target = Engine.MARIADB.create("tgt")) {
            zeroDateSource(source);
            target.execute("CREATE TABLE event (id INT PRIMARY KEY, happened DATE, note VARCHAR(20))");

            MigrationResult result = JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource())
                    .spec(EVENTS).logProgress(false).load().migrate();

            assertThat(result.table("event").orElseThrow().total().loaded()).isEqualTo(4);
            assertThat(target.query("SELECT CAST(happened AS CHAR) FROM event ORDER BY id")).extracting(r -> r[0])
                    .containsExactly("2024-01-31", "0000-00-00", null, "2020-00-15");
        }
    }

    @Test
    void valuesOnlyMariaDbHoldsRoundTripThroughLoadDataExactly() throws Exception {
        try (TestDatabase source = Engine.MARIADB.create("src"); TestDatabase target = Engine.MARIADB.create("tgt")) {
            String ddl = "CREATE TABLE t (id INT PRIMARY KEY, big BIGINT UNSIGNED, flag TINYINT(1), bits BIT(12),"
                    + " y YEAR, instant TIMESTAMP(6) NULL, bytes VARBINARY(20), text VARCHAR(40))";
            source.execute(ddl);
            target.execute(ddl);
            source.execute("INSERT INTO t VALUES (1, 18446744073709551615, 1, b'101010101010', 2155,"
                            + " '2038-01-19 03:14:07.999999', X'00090A0D5C4E1AFF', CONCAT('nul', CHAR(0), 'ctrl-z', CHAR(26), '\\\\N'))",
                    "INSERT INTO t VALUES (2, 0, 0, b'0', 1901, '1970-01-01 00:00:01', X'', '')",
                    "INSERT INTO t VALUES (3, NULL, 7, NULL, NULL, NULL, NULL, NULL)");

            MigrationResult result = JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource())
                    .spec(MappingSpec.builder("native").table("t", r -> r.key("id").field("big").field("flag")
                            .field("bits").field("y").field("instant").field("bytes").field("text")).build())
                    .logProgress(false).load().migrate();

            assertThat(result.table("t").orElseThrow().total().loaded()).isEqualTo(3);
            String select = "SELECT id, CAST(big AS CHAR), flag, bits + 0, y, CAST(instant AS CHAR), HEX(bytes), HEX(text)"
                    + " FROM t ORDER BY id";
            assertThat(target.query(select)).usingRecursiveFieldByFieldElementComparator()
                    .containsExactlyElementsOf(source.query(select));
        }
    }

    @Test
    void aMyIsamTargetTableIsRefusedBeforeAnythingIsWritten() {
        try (TestDatabase source = Engine.MARIADB.create("src"); TestDatabase target = Engine.MARIADB.create("tgt")) {
            source.execute("CREATE TABLE event (id INT PRIMARY KEY, happened DATE, note VARCHAR(20))",
                    "INSERT INTO event VALUES (1, '2024-01-31', 'fine')");
            target.execute("CREATE TABLE event (id INT PRIMARY KEY, happened DATE, note VARCHAR(20)) ENGINE=MyISAM");

            assertThatThrownBy(() -> JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource())
                    .spec(EVENTS).logProgress(false).load().migrate())
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("target table " + target.name() + ".event is stored by MyISAM, which has no "
                            + "transactions")
                    .hasMessageContaining("ENGINE = InnoDB");
            assertThat(target.queryValue("SELECT COUNT(*) FROM event")).isEqualTo(0L);
        }
    }

    @Test
    void aNativeValueKnowsAZeroDate() {
        assertThat(new NativeValue("DATE", "2024-01-31").isZeroDate()).isFalse();
        assertThat(new NativeValue("DATE", "2024-01-00").isZeroDate()).isTrue();
        assertThat(new NativeValue("DATETIME", "0000-00-00 00:00:00").describe())
                .isEqualTo("DATETIME '0000-00-00 00:00:00' (a zero date, no day of any calendar)");
        assertThat(new NativeValue("TINYINT(1)", "2").isZeroDate()).isFalse();
    }
}
