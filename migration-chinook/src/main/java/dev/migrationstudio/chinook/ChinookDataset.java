package dev.migrationstudio.chinook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The Chinook sample database (Luis Rocha, MIT licence; see {@code LICENSE.md} next to the
 * script): 11 tables, 15,607 rows, a self-referencing foreign key ({@code employee.reports_to}), a
 * composite key ({@code playlist_track}), money as NUMERIC(10,2) and Unicode names.
 *
 * <p>The PostgreSQL script is loaded as published, on PostgreSQL, H2 and MariaDB alike: the psql lines
 * are skipped and its {@code 'YYYY/M/D'} date literals are rewritten to ISO, which every engine reads.
 * On MariaDB and MySQL its {@code TIMESTAMP} columns are created as {@code DATETIME}, the type that
 * means the same there (a MySQL {@code TIMESTAMP} ends in 2038 and converts through the session's
 * time zone; Chinook's birth dates start in 1947).
 * The MySQL script ({@link #loadMySql}), the same data under the names MySQL users know
 * ({@code InvoiceLine.UnitPrice}, {@code NVARCHAR} text, {@code DATETIME} dates), is for MariaDB and MySQL.
 */
public final class ChinookDataset {

    /** Row counts of the eleven tables, as published. */
    public static final Map<String, Long> ROW_COUNTS = Map.ofEntries(
            Map.entry("album", 347L), Map.entry("artist", 275L), Map.entry("customer", 59L),
            Map.entry("employee", 8L), Map.entry("genre", 25L), Map.entry("invoice", 412L),
            Map.entry("invoice_line", 2240L), Map.entry("media_type", 5L), Map.entry("playlist", 18L),
            Map.entry("playlist_track", 8715L), Map.entry("track", 3503L));

    private static final String SCRIPT = "dev/migrationstudio/chinook/Chinook_PostgreSql.sql";
    private static final String MYSQL_SCRIPT = "dev/migrationstudio/chinook/Chinook_MySql.sql";
    private static final Pattern TIMESTAMP = Pattern.compile("\\bTIMESTAMP\\b");
    private static final Pattern SLASHED_DATE = Pattern.compile("'(\\d{4})/(\\d{1,2})/(\\d{1,2})'");

    private ChinookDataset() {
    }

    /** The statements of the script, ready for PostgreSQL, H2 or MariaDB. */
    public static List<String> statements() {
        return statements(SCRIPT);
    }

    /** The statements of the MySQL script (PascalCase names), ready for MariaDB or MySQL. */
    public static List<String> mySqlStatements() {
        return statements(MYSQL_SCRIPT).stream().filter(s -> !s.regionMatches(true, 0, "USE ", 0, 4)).toList();
    }

    private static List<String> statements(String resource) {
        try (InputStream in = ChinookDataset.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the Chinook script " + resource + " is missing from the class path");
            }
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher dates = SLASHED_DATE.matcher(script);
            StringBuilder iso = new StringBuilder();
            while (dates.find()) {
                dates.appendReplacement(iso, String.format("'%s-%02d-%02d'", dates.group(1),
                        Integer.parseInt(dates.group(2)), Integer.parseInt(dates.group(3))));
            }
            dates.appendTail(iso);
            return SqlScript.statements(iso.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates and fills the Chinook tables in the data source's current schema, in one transaction. */
    public static void load(DataSource dataSource) {
        run(dataSource, statements());
    }

    /**
     * Creates and fills the Chinook tables of the MySQL script ({@code Album}, {@code InvoiceLine}, ...)
     * in a MariaDB or MySQL database, in one transaction.
     */
    public static void loadMySql(DataSource dataSource) {
        run(dataSource, mySqlStatements());
    }

    /** Creates the Chinook tables, keys, foreign keys and indexes, without rows. */
    public static void loadSchema(DataSource dataSource) {
        run(dataSource, statements().stream().filter(s -> !s.startsWith("INSERT")).toList());
    }

    private static void run(DataSource dataSource, List<String> statements) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            boolean mySqlFamily = product.contains("mariadb") || product.contains("mysql");
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            for (String sql : statements) {
                boolean table = sql.startsWith("CREATE TABLE");
                statement.execute(mySqlFamily && table ? TIMESTAMP.matcher(sql).replaceAll("DATETIME") : sql);
            }
            connection.commit();
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            throw new IllegalStateException("loading Chinook failed: " + e.getMessage(), e);
        }
    }
}
