package dev.migrationstudio.verify;

import com.zaxxer.hikari.HikariDataSource;
import dev.migrationstudio.jdbc.JdbcUrls;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import javax.sql.DataSource;

/** Pooled data sources for test databases, as applications pass them (PostgreSQL connections are slow to open). */
final class Pools {

    private Pools() {
    }

    static DataSource of(TestDatabase db) {
        if (db.engine() == Engine.H2) {
            return db.dataSource();
        }
        return JdbcUrls.pool(db.jdbcUrl(), db.user(), db.password(), 6);
    }

    static void close(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource) {
            ((HikariDataSource) dataSource).close();
        }
    }
}
