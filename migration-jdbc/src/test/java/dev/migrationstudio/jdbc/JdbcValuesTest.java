package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.jdbc.internal.JdbcValues;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.FixtureSql;
import dev.migrationstudio.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JdbcValuesTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void readsTheSameJavaTypesOnEveryEngine(Engine engine) throws Exception {
        try (TestDatabase db = engine.create("values")) {
            boolean mariadb = engine == Engine.MARIADB;
            // MariaDB: REAL is a double unless in REAL_AS_FLOAT mode; DATETIME is the timestamp without a
            // zone, and TIMESTAMP an instant (written here in the test server's UTC session).
            db.execute("CREATE TABLE v (s SMALLINT, i INTEGER, b BIGINT, d NUMERIC(10,2), r " + (mariadb ? "FLOAT" : "REAL")
                    + ", f DOUBLE PRECISION, t VARCHAR(10), c " + FixtureSql.longText(engine) + ", x "
                    + FixtureSql.binaryType(engine, 10) + ", dt DATE, tm TIME, ts " + (mariadb ? "DATETIME(6)" : "TIMESTAMP")
                    + ", tz " + (mariadb ? "TIMESTAMP NULL" : "TIMESTAMP WITH TIME ZONE") + ", ok BOOLEAN)");
            db.execute("INSERT INTO v VALUES (1, 2, 3, 4.50, 1.5, 2.5, 'é', 'long', " + FixtureSql.bytes(engine, "0102")
                    + ", DATE '2024-01-31', TIME '13:45:00', TIMESTAMP '2024-01-31 13:45:00.123456', "
                    + (mariadb ? "TIMESTAMP '2024-01-31 12:45:00'" : "TIMESTAMP WITH TIME ZONE '2024-01-31 13:45:00+01:00'")
                    + ", TRUE)",
                    "INSERT INTO v VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
            try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT * FROM v ORDER BY s IS NULL, s")) {
                int[] types = JdbcValues.types(rows.getMetaData());
                rows.next();
                Object[] values = new Object[types.length];
                for (int i = 0; i < types.length; i++) {
                    values[i] = JdbcValues.read(rows, i + 1, types[i]);
                }
                assertThat(values).containsExactly(1, 2, 3L, new BigDecimal("4.50"), 1.5f, 2.5, "é", "long",
                        new byte[] {1, 2}, LocalDate.of(2024, 1, 31), LocalTime.of(13, 45),
                        LocalDateTime.of(2024, 1, 31, 13, 45, 0, 123_456_000),
                        values[12], true);
                assertThat(((OffsetDateTime) values[12]).toInstant())
                        .isEqualTo(OffsetDateTime.of(2024, 1, 31, 13, 45, 0, 0, ZoneOffset.ofHours(1)).toInstant());
                rows.next();
                for (int i = 0; i < types.length; i++) {
                    assertThat(JdbcValues.read(rows, i + 1, types[i])).as("column %s", i + 1).isNull();
                }
            }
        }
    }

    @Test
    void redactsPasswordsFromUrls() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://db/x?user=a&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/x?user=a&password=***&ssl=true");
        assertThat(JdbcUrls.redact("jdbc:h2:mem:x;USER=sa;PASSWORD=s3cret")).isEqualTo("jdbc:h2:mem:x;USER=sa;PASSWORD=***");
        assertThat(JdbcUrls.redact("jdbc:mysql://bob:s3cret@db/x")).isEqualTo("jdbc:mysql://bob:***@db/x");
    }
}
