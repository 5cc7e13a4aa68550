package dev.migrationstudio.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.jdbc.source.SourceCursor;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The canonical encoding is one encoding whatever engine a value comes from: the same logical rows,
 * stored in each engine's own types, hash the same on H2, PostgreSQL and MariaDB, and a clean copy
 * verifies clean in every direction.
 */
class CrossEngineTest {
    /** Column name, then its type on H2, PostgreSQL and MariaDB. */
    private static final String[][] COLUMNS = {
        {"id", "INT PRIMARY KEY", "INT PRIMARY KEY", "INT PRIMARY KEY"},
        {"small_n", "SMALLINT", "SMALLINT", "SMALLINT"},
        {"big_n", "BIGINT", "BIGINT", "BIGINT"},
        {"unsigned_n", "BIGINT", "BIGINT", "INT UNSIGNED"},
        {"unsigned_big", "NUMERIC(20)", "NUMERIC(20)", "BIGINT UNSIGNED"},
        {"amount", "NUMERIC(14,4)", "NUMERIC(14,4)", "DECIMAL(14,4)"},
        {"ratio", "DOUBLE PRECISION", "DOUBLE PRECISION", "DOUBLE"},
        {"label", "VARCHAR(40)", "VARCHAR(40)", "VARCHAR(40)"},
        {"data", "VARBINARY(64)", "BYTEA", "VARBINARY(64)"},
        {"on_day", "DATE", "DATE", "DATE"},
        {"at_time", "TIME(6)", "TIME(6)", "TIME(6)"},
        {"local_ts", "TIMESTAMP(6)", "TIMESTAMP(6)", "DATETIME(6)"},
        {"zoned_ts", "TIMESTAMP(6) WITH TIME ZONE", "TIMESTAMPTZ(6)", "TIMESTAMP(6) NULL"},
        {"flag", "BOOLEAN", "BOOLEAN", "TINYINT(1)"},
    };

    private static final MappingSpec SPEC = MappingSpec.builder("specimens")
            .table("specimen", t -> {
                t.key("id");
                for (int i = 1; i < COLUMNS.length; i++) {
                    t.field(COLUMNS[i][0]);
                }
            })
            .build();

    /** The logical rows: extremes, trailing zeros, 4-byte characters, zones, NULLs, empty values. */
    private static List<Object[]> rows() {
        return List.of(
            new Object[] {1, (short) 32767, Long.MAX_VALUE, 4_294_967_295L, new BigDecimal("18446744073709551615"),
                new BigDecimal("10.5000"), 0.1 + 0.2, "Grüße 😀 𝄞 ✓", new byte[] {0, 1, (byte) 0xFF, 0x7F},
                LocalDate.of(2024, 2, 29), LocalTime.of(13, 45, 0, 123_456_000),
                LocalDateTime.of(2024, 1, 31, 13, 45, 0, 123_456_000),
                OffsetDateTime.of(2024, 1, 31, 13, 45, 0, 123_456_000, ZoneOffset.ofHours(1)), true},
            new Object[] {2, null, null, null, null, null, null, null, null, null, null, null, null, null},
            new Object[] {3, (short) -32768, Long.MIN_VALUE, 0L, BigDecimal.ZERO, new BigDecimal("0.0000"), 0.0, "",
                new byte[0], LocalDate.of(1970, 1, 1), LocalTime.MIDNIGHT, LocalDateTime.of(1970, 1, 1, 0, 0),
                OffsetDateTime.of(2038, 1, 19, 3, 14, 7, 0, ZoneOffset.UTC), false},
            new Object[] {4, (short) 7, 7L, 7L, new BigDecimal("7"), new BigDecimal("-123.4560"), 1.0e-10,
                "it's  ", new byte[] {0x20}, LocalDate.of(1999, 12, 31), LocalTime.of(23, 59, 59, 999_999_000),
                LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000),
                OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000, ZoneOffset.ofHoursMinutes(-5, -30)), false},
            new Object[] {5, (short) 0, 1_000_000_000_000_000_000L, 1L, new BigDecimal("9223372036854775808"),
                new BigDecimal("99999999.9999"), -2.5e300, "a\\b\"c,(d)\te", new byte[] {(byte) 0x80},
                LocalDate.of(2000, 1, 1), LocalTime.of(0, 0, 0, 1_000), LocalDateTime.of(2000, 1, 1, 0, 0, 0, 1_000),
                OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 1_000, ZoneOffset.ofHours(14)), true});
    }

    private static int engineColumn(Engine engine) {
        return engine.ordinal() + 1;
    }

    /** Creates the table in the engine's types and inserts the rows with plain JDBC. */
    private static TestDatabase specimens(Engine engine, boolean withRows) throws SQLException {
        TestDatabase db = engine.create("cross-" + engine);
        db.execute("CREATE TABLE specimen (" + Arrays.stream(COLUMNS)
                .map(c -> c[0] + " " + c[engineColumn(engine)]).collect(Collectors.joining(", ")) + ")");
        if (!withRows) {
            return db;
        }
        String insert = "INSERT INTO specimen VALUES (" + String.join(", ", java.util.Collections.nCopies(
                COLUMNS.length, "?")) + ")";
        try (Connection connection = db.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(insert)) {
            for (Object[] row : rows()) {
                for (int i = 0; i < row.length; i++) {
                    Object value = row[i];
                    if (engine == Engine.MARIADB && value instanceof OffsetDateTime) {
                        // MariaDB's TIMESTAMP takes the wall-clock time of the session's zone, UTC here.
                        value = ((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
                    }
                    statement.setObject(i + 1, value);
                }
                statement.executeUpdate();
            }
        }
        return db;
    }

    /** Each row as each of its values' canonical text, as the verifier reads them. */
    private static List<List<String>> canonical(TestDatabase db) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        CanonicalValues canonical = CanonicalValues.standard();
        try (Connection connection = db.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                if (db.engine() == Engine.MARIADB) {
                    statement.execute("SET time_zone = '+00:00'");
                }
            }
            String select = "SELECT " + Arrays.stream(COLUMNS).map(c -> c[0]).collect(Collectors.joining(", "))
                    + " FROM specimen ORDER BY id";
            try (SourceCursor cursor = SourceCursor.open(connection, select, List.of(), 100)) {
                for (Object[] row = cursor.next(); row != null; row = cursor.next()) {
                    Object[] values = row;
                    List<String> texts = IntStream.range(0, values.length)
                            .mapToObj(i -> COLUMNS[i][0] + "=" + canonical.text(values[i]) + " "
                                    + Arrays.toString(canonical.encode(values[i])))
                            .collect(Collectors.toList());
                    texts.add("hash " + canonical.rowHash(Arrays.asList(values)));
                    rows.add(texts);
                }
            }
            connection.rollback();
        }
        return rows;
    }

    @Test
    void theSameLogicalRowsHashTheSameOnEveryEngine() throws SQLException {
        Map<Engine, List<List<String>>> byEngine = new EnumMap<>(Engine.class);
        for (Engine engine : Engine.values()) {
            try (TestDatabase db = specimens(engine, true)) {
                byEngine.put(engine, canonical(db));
            }
        }

        List<List<String>> h2 = byEngine.get(Engine.H2);
        assertThat(h2).hasSize(rows().size());
        assertThat(h2.get(0)).contains("unsigned_big=18446744073709551615 [69, 0, 0, 0, 0, 0, 0, 0, 9, 0, -1, -1, -1,"
                        + " -1, -1, -1, -1, -1]", "amount=10.5 [68, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 105]")
                .anySatisfy(v -> assertThat(v).startsWith("zoned_ts=TIMESTAMP WITH TIME ZONE '2024-01-31T12:45:00.123456Z'"))
                .anySatisfy(v -> assertThat(v).startsWith("flag=true"));
        for (Engine engine : List.of(Engine.POSTGRES, Engine.MARIADB)) {
            List<List<String>> other = byEngine.get(engine);
            for (int row = 0; row < h2.size(); row++) {
                assertThat(other.get(row)).as("row %s read from %s, value by value, against H2", row + 1, engine)
                        .containsExactlyElementsOf(h2.get(row));
            }
        }
    }

    @Test
    void aMariaDbTimestampIsTheSameInstantWhateverTheZoneOfTheSessionsItIsReadIn() {
        MappingSpec spec = MappingSpec.builder("events").table("event", t -> t.key("id").field("at")).build();
        try (TestDatabase mariadb = Engine.MARIADB.create("cross-zone");
             TestDatabase postgres = Engine.POSTGRES.create("cross-zone")) {
            postgres.execute("CREATE TABLE event (id INT PRIMARY KEY, at TIMESTAMPTZ(6))",
                    "INSERT INTO event VALUES (1, '2024-01-31 13:45:00.5Z'), (2, '2024-07-01 00:30:00Z')");
            // Written from a session five hours ahead of UTC: the server stores the instants 13:45Z and 00:30Z.
            mariadb.execute("CREATE TABLE event (id INT PRIMARY KEY, at TIMESTAMP(6) NULL)",
                    "SET time_zone = '+05:00'",
                    "INSERT INTO event VALUES (1, '2024-01-31 18:45:00.5'), (2, '2024-07-01 05:30:00')");
            DataSource ahead = inZone(mariadb.dataSource(), "+05:00");
            DataSource behind = inZone(mariadb.dataSource(), "-08:00");

            VerificationReport from = Verifier.between(ahead, postgres.dataSource()).spec(spec).verify();
            VerificationReport to = Verifier.between(postgres.dataSource(), behind).spec(spec).verify();

            assertThat(from.failures()).isEmpty();
            assertThat(to.failures()).isEmpty();
            postgres.execute("UPDATE event SET at = at + INTERVAL '1 hour' WHERE id = 2");
            assertThat(Verifier.between(ahead, postgres.dataSource()).spec(spec).verify().discrepancies())
                    .extracting(Discrepancy::describe).containsExactly("event: changed row id=2: at: expected"
                            + " TIMESTAMP WITH TIME ZONE '2024-07-01T00:30Z', found TIMESTAMP WITH TIME ZONE"
                            + " '2024-07-01T01:30Z'");
        }
    }

    /** The data source, with each connection's session set to a time zone, as a pool's init SQL would. */
    private static DataSource inZone(DataSource pool, String zone) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(pool, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (result instanceof Connection) {
                        try (Statement statement = ((Connection) result).createStatement()) {
                            statement.execute("SET time_zone = '" + zone + "'");
                        }
                    }
                    return result;
                });
    }

    @Test
    void aCleanCopyVerifiesCleanFromEveryEngineToEveryEngine() throws SQLException {
        Map<Engine, TestDatabase> sources = new EnumMap<>(Engine.class);
        Map<String, String> digests = new LinkedHashMap<>();
        try {
            for (Engine engine : Engine.values()) {
                sources.put(engine, specimens(engine, true));
            }
            for (Engine from : Engine.values()) {
                for (Engine to : Engine.values()) {
                    try (TestDatabase target = specimens(to, false)) {
                        // A copy through the drivers: read with the source cursor, written with plain inserts.
                        SpecLoader.load(sources.get(from).dataSource(), target.dataSource(), SPEC);

                        VerificationReport report = Verifier.between(sources.get(from).dataSource(),
                                        target.dataSource()).spec(SPEC).rowCounts().checksums().sample(5)
                                .chunkSize(2).verify();

                        String pair = from + " -> " + to;
                        TableVerification table = report.table("specimen").orElseThrow();
                        assertThat(table.discrepancies()).as(pair).isEmpty();
                        assertThat(report.failures()).as(pair).isEmpty();
                        assertThat(report.passed()).as(pair).isTrue();
                        assertThat(table.rowCounts().orElseThrow().targetRows()).as(pair).isEqualTo(rows().size());
                        assertThat(table.sample().orElseThrow().checked()).as(pair).isEqualTo(5);
                        ChecksumSummary checksums = table.checksums().orElseThrow();
                        assertThat(checksums.chunks()).as(pair).isGreaterThan(1);
                        digests.put(pair + " source", checksums.sourceDigest());
                        digests.put(pair + " target", checksums.targetDigest());
                    }
                }
            }
        } finally {
            sources.values().forEach(TestDatabase::close);
        }
        // One digest for the same rows, whichever engine computed it from its own types.
        assertThat(digests).hasSize(2 * 9);
        assertThat(digests.values().stream().distinct()).as(digests.toString()).hasSize(1);
    }
}
