package dev.migrationstudio.jdbc;

import dev.migrationstudio.mapping.MappingSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.Callable;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Runs in a class loader without HikariCP ({@link WithoutHikariTest}): a migration between data
 * sources, then one given URLs. Returns what happened, one line each.
 */
public final class WithoutHikari implements Callable<String> {

    @Override
    public String call() throws Exception {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:without-hikari-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE a (id INT PRIMARY KEY)");
            statement.execute("CREATE TABLE b (id INT PRIMARY KEY)");
            statement.execute("INSERT INTO a VALUES (1), (2)");
        }
        MappingSpec spec = MappingSpec.builder("without-hikari").table("a").to("b", t -> t.key("id")).build();
        MigrationResult result = JdbcMigrator.configure().source(database).target(database).spec(spec)
                .logProgress(false).load().migrate();
        String urls;
        try {
            JdbcMigrator.configure().source("jdbc:h2:mem:x", "sa", "").target("jdbc:h2:mem:y", "sa", "").spec(spec)
                    .logProgress(false).load().migrate();
            urls = "URLs worked";
        } catch (IllegalStateException e) {
            urls = e.getMessage();
        }
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM b")) {
            rows.next();
            return "loaded " + result.total().loaded() + ", target holds " + rows.getLong(1) + "\n" + urls;
        }
    }
}
