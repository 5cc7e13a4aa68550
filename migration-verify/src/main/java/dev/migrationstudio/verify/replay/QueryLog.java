package dev.migrationstudio.verify.replay;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.verify.replay.internal.StatementSplitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The queries an application runs on the source, to replay on the target: captured from
 * PostgreSQL's {@code pg_stat_statements}, from MariaDB's {@code performance_schema} statement digests,
 * from a file of SQL statements a team exports, or listed by hand. Immutable.
 *
 * <pre>{@code
 * QueryLog log = QueryLog.fromPgStatStatements(legacy).top(50, QueryLog.Ranking.TOTAL_TIME);
 * QueryLog exported = QueryLog.fromFile(Path.of("src/test/resources/app-queries.sql"));
 * }</pre>
 */
public final class QueryLog {

    /** How {@link #top} ranks queries. */
    public enum Ranking {
        /** By total execution time, the queries that cost the server most first. */
        TOTAL_TIME,
        /** By number of calls, the most frequent first. */
        CALLS
    }

    private final List<CapturedQuery> queries;

    private QueryLog(List<CapturedQuery> queries) {
        this.queries = List.copyOf(queries);
    }

    /**
     * The queries given, in order.
     *
     * @param queries the queries; not null
     * @return the log
     */
    public static QueryLog of(List<CapturedQuery> queries) {
        return new QueryLog(checkNotNull(queries, "queries"));
    }

    /**
     * Queries given as SQL text, in order, with no statistics.
     *
     * @param sql the queries' SQL, one statement each; each query's origin is {@code query 1}, {@code query 2},
     *     ...
     * @return the log
     */
    public static QueryLog ofSql(String... sql) {
        List<CapturedQuery> queries = new ArrayList<>();
        for (int i = 0; i < sql.length; i++) {
            queries.add(CapturedQuery.of(sql[i], "query " + (i + 1)));
        }
        return new QueryLog(queries);
    }

    /**
     * The statements of a SQL file, separated by semicolons ({@code --} and block comments are
     * ignored); each keeps its line number as its origin.
     *
     * @param file a UTF-8 text file
     * @return the log; empty when the file holds no statement
     */
    public static QueryLog fromFile(Path file) {
        try {
            return fromText(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the query file " + file, e);
        }
    }

    /**
     * The statements of a text in the format of {@link #fromFile}, e.g. a resource on the class path;
     * each keeps {@code name:line} as its origin.
     *
     * @param text the statements; not null
     * @param name the text's name, used in the origins; not null
     * @return the log; empty when the text holds no statement
     */
    public static QueryLog fromText(String text, String name) {
        checkNotNull(text, "text");
        checkNotNull(name, "name");
        List<CapturedQuery> queries = new ArrayList<>();
        for (StatementSplitter.Statement statement : StatementSplitter.split(text)) {
            queries.add(CapturedQuery.of(statement.sql(), name + ":" + statement.line()));
        }
        return new QueryLog(queries);
    }

    /**
     * Every statement PostgreSQL's {@code pg_stat_statements} recorded in the data source's database,
     * with calls and total time. The extension must be loaded ({@code shared_preload_libraries}) and
     * created in the database ({@code CREATE EXTENSION pg_stat_statements}).
     *
     * @param source a PostgreSQL database; a connection is borrowed and closed
     * @return the log, the most expensive statements first
     * @throws MigrationException naming what is missing when the view cannot be read
     */
    public static QueryLog fromPgStatStatements(DataSource source) {
        String sql = "SELECT s.query, s.calls, s.total_exec_time FROM pg_stat_statements s "
                + "JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = current_database() "
                + "AND s.toplevel ORDER BY s.total_exec_time DESC";
        // total_exec_time is in milliseconds
        return capture(source, sql, "pg_stat_statements", 1e6,
                "is the pg_stat_statements extension loaded (shared_preload_libraries) and created "
                        + "in this database (CREATE EXTENSION pg_stat_statements)?");
    }

    /**
     * Every statement MariaDB's (or MySQL's) {@code performance_schema} digested for the data source's
     * database, with calls and total time. The server must run with {@code performance_schema=ON}.
     *
     * @param source a MariaDB or MySQL database; a connection is borrowed and closed
     * @return the log, the most expensive statements first
     * @throws MigrationException naming what is missing when the digests cannot be read
     */
    public static QueryLog fromMariaDbDigests(DataSource source) {
        String sql = "SELECT DIGEST_TEXT, COUNT_STAR, SUM_TIMER_WAIT FROM performance_schema."
                + "events_statements_summary_by_digest WHERE SCHEMA_NAME = DATABASE() AND DIGEST_TEXT IS NOT NULL "
                + "ORDER BY SUM_TIMER_WAIT DESC";
        // SUM_TIMER_WAIT is in picoseconds
        return capture(source, sql, "performance_schema digests", 1e-3,
                "does the server run with performance_schema=ON?");
    }

    private static QueryLog capture(DataSource source, String sql, String origin, double nanosPerUnit, String hint) {
        List<CapturedQuery> queries = new ArrayList<>();
        try (Connection connection = source.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                Duration total = Duration.ofNanos((long) (rows.getDouble(3) * nanosPerUnit));
                queries.add(new CapturedQuery(rows.getString(1), rows.getLong(2), total,
                        origin + " #" + (queries.size() + 1), Optional.empty()));
            }
        } catch (SQLException e) {
            throw new MigrationException("cannot read the " + origin + " of the source: " + e.getMessage() + "; "
                    + hint, e);
        }
        return new QueryLog(queries);
    }

    /**
     * The first {@code count} queries by a ranking (ties keep the log's order).
     *
     * @param count the most queries kept; at least 1
     * @param ranking what ranks the queries; not null
     * @return a new log with the top queries, best ranked first
     */
    public QueryLog top(int count, Ranking ranking) {
        checkArgument(count > 0, "top needs a positive count: %s", count);
        checkNotNull(ranking, "ranking");
        Comparator<CapturedQuery> order = ranking == Ranking.CALLS
                ? Comparator.comparingLong(CapturedQuery::calls).reversed()
                : Comparator.comparing(CapturedQuery::totalTime).reversed();
        return new QueryLog(queries.stream().sorted(order).limit(count).toList());
    }

    /**
     * The queries, in order.
     *
     * @return the queries, unmodifiable
     */
    public List<CapturedQuery> queries() {
        return queries;
    }

    /**
     * How many queries.
     *
     * @return the number of queries
     */
    public int size() {
        return queries.size();
    }

    @Override
    public String toString() {
        return "QueryLog[" + queries.size() + " queries]";
    }
}
