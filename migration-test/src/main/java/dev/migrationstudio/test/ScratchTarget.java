package dev.migrationstudio.test;

import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.RowResult;
import dev.migrationstudio.mapping.TableMapping;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * An embedded H2 database holding the target schema, fresh for each test: what
 * {@link WithScratchTarget} gives a test method as a parameter. It lives while the test runs and is
 * gone afterwards. Names are stored as written in lower case ({@code DATABASE_TO_LOWER}), as the
 * project's specs spell them.
 *
 * <pre>{@code
 * @WithScratchTarget(schema = "/v2-schema.sql")
 * class ClientMappingTest {
 *     @Test
 *     void aClientFitsTheV2Schema(ScratchTarget v2) {
 *         v2.load(spec.table("customer").orElseThrow(), List.of(luis));
 *         assertThat(v2.count("client")).isEqualTo(1);
 *     }
 * }
 * }</pre>
 */
public final class ScratchTarget implements AutoCloseable {

    private final String url;
    private final Connection keeper;

    private ScratchTarget(String url, Connection keeper) {
        this.url = url;
        this.keeper = keeper;
    }

    /**
     * Creates an empty in-memory H2 database and runs the scripts on it.
     *
     * @param name part of the database's name, for messages
     * @param scripts class-path resources, run in order with H2's {@code RUNSCRIPT}
     * @param mode an H2 compatibility mode ({@code PostgreSQL}, {@code MariaDB}, ...), or empty for H2's own
     * @throws IllegalStateException when the H2 driver is not on the class path, or a script fails
     */
    static ScratchTarget create(String name, String[] scripts, String mode) {
        String url = "jdbc:h2:mem:" + name.replaceAll("[^A-Za-z0-9_]", "_") + "_" + System.nanoTime()
                + ";DATABASE_TO_LOWER=TRUE" + (mode.isEmpty() ? "" : ";MODE=" + mode);
        Connection keeper;
        try {
            keeper = DriverManager.getConnection(url);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the scratch target " + url + " (" + e.getMessage() + "); "
                    + "the scratch target needs the H2 driver on the test class path: add the test dependency "
                    + "com.h2database:h2 (2.2 or later)", e);
        }
        ScratchTarget target = new ScratchTarget(url, keeper);
        for (String script : scripts) {
            String resource = script.startsWith("/") ? script : "/" + script;
            if (ScratchTarget.class.getResource(resource) == null
                    && Thread.currentThread().getContextClassLoader().getResource(resource.substring(1)) == null) {
                target.close();
                throw new IllegalStateException("schema script " + resource + " is not on the class path");
            }
            try (Statement statement = keeper.createStatement()) {
                statement.execute("RUNSCRIPT FROM 'classpath:" + resource.replace("'", "''") + "'");
            } catch (SQLException e) {
                target.close();
                throw new IllegalStateException("schema script " + resource + " failed on the scratch target: "
                        + e.getMessage(), e);
            }
        }
        return target;
    }

    /**
     * The JDBC URL, e.g. to hand to code that takes a URL.
     *
     * @return the H2 in-memory URL of the scratch database
     */
    public String url() {
        return url;
    }

    /**
     * Connections to the scratch database, for the code under test.
     *
     * @return a data source that opens a new connection to the scratch database each time
     */
    public DataSource dataSource() {
        return new DriverManagerSource(url);
    }

    /**
     * Runs statements (DDL or DML) on the scratch database.
     *
     * @param statements SQL statements, run one by one in the order given; none runs nothing
     * @throws IllegalStateException naming the statement when it fails
     */
    public void execute(String... statements) {
        for (String sql : statements) {
            try (Statement statement = keeper.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("scratch target refused " + sql + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The number of rows in a table.
     *
     * @param table the table's name, exactly as the database stores it (it is quoted, so on H2 usually upper-case)
     * @return the table's row count; 0 for an empty table
     */
    public long count(String table) {
        try (Statement statement = keeper.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + quote(table))) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the rows of " + table + ": " + e.getMessage(), e);
        }
    }

    /**
     * Maps each source row and inserts the loaded ones into the mapping's target table, so that the
     * target schema (types, NOT NULL, keys, CHECKs) judges what the mapping produces. One row per
     * statement, in one transaction that is rolled back if any row fails.
     *
     * @param mapping the table mapping
     * @param rows source rows
     * @return how many rows were inserted (filtered and rejected rows are not)
     * @throws AssertionError naming the row and the database's message when the target refuses a row,
     *     or when a rule's code throws
     */
    public int load(TableMapping mapping, Iterable<Row> rows) {
        int inserted = 0;
        boolean committed = false;
        try {
            keeper.setAutoCommit(false);
            for (Row row : rows) {
                RowResult result = mapping.apply(row);
                if (result instanceof RowResult.Rejected && ((RowResult.Rejected) result).ruleFailed()) {
                    throw new AssertionError("a rule of " + mapping.describe() + " threw on " + row + ": "
                            + ((RowResult.Rejected) result).describe(), ((RowResult.Rejected) result).error().orElseThrow());
                }
                if (result instanceof RowResult.Loaded) {
                    insert(mapping, row, ((RowResult.Loaded) result).row());
                    inserted++;
                }
            }
            keeper.commit();
            committed = true;
            return inserted;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load " + mapping.describe() + ": " + e.getMessage(), e);
        } finally {
            if (!committed) {
                rollback();
            }
            autoCommit();
        }
    }

    private void insert(TableMapping mapping, Row source, Row target) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(quote(mapping.target().name())).append(" (");
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < target.columns().size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(quote(target.columns().get(i)));
            marks.append(i == 0 ? "?" : ", ?");
        }
        sql.append(") VALUES (").append(marks).append(')');
        try (PreparedStatement insert = keeper.prepareStatement(sql.toString())) {
            for (int i = 0; i < target.columns().size(); i++) {
                insert.setObject(i + 1, target.get(i));
            }
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new AssertionError("target table " + mapping.target().name() + " refused " + target
                    + " (mapped from " + source + "): " + e.getMessage(), e);
        }
    }

    private String quote(String name) throws SQLException {
        String quote = keeper.getMetaData().getIdentifierQuoteString();
        return quote + name.replace(quote, quote + quote) + quote;
    }

    private void rollback() {
        try {
            keeper.rollback();
        } catch (SQLException ignored) {
            // the original failure is what the test needs to see
        }
    }

    private void autoCommit() {
        try {
            keeper.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Drops the database: its last connection closes. */
    @Override
    public void close() {
        try {
            keeper.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the scratch target: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ScratchTarget[" + url + "]";
    }

    /** A data source over {@link DriverManager}: no pool, no driver class at compile time. */
    private static final class DriverManagerSource implements DataSource {
        private final String url;
        private PrintWriter logWriter;
        private int loginTimeout;

        DriverManagerSource(String url) {
            this.url = url;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return DriverManager.getConnection(url, username, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return logWriter;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            this.logWriter = out;
        }

        @Override
        public void setLoginTimeout(int seconds) {
            this.loginTimeout = seconds;
        }

        @Override
        public int getLoginTimeout() {
            return loginTimeout;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("no parent logger");
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            throw new SQLException("not a wrapper of " + type.getName());
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return type.isInstance(this);
        }
    }
}
