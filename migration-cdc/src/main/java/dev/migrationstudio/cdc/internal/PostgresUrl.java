package dev.migrationstudio.cdc.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL JDBC URL taken apart, for the Debezium connector, which wants a host, a port and a
 * database rather than a URL.
 *
 * @param jdbcUrl the URL as given
 * @param host the host
 * @param port the port (5432 when the URL names none)
 * @param database the database
 */
public record PostgresUrl(String jdbcUrl, String host, int port, String database) {
    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/:?,]+)(?::(\\d+))?/([^?]+)(\\?.*)?");

    /**
     * Takes a URL apart.
     *
     * @throws IllegalArgumentException for anything but {@code jdbc:postgresql://host[:port]/database[?...]}
     */
    public static PostgresUrl parse(String jdbcUrl) {
        Matcher m = URL.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("change data capture needs a PostgreSQL URL with one host, "
                    + "jdbc:postgresql://host[:port]/database, got " + describe(jdbcUrl));
        }
        return new PostgresUrl(jdbcUrl, m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)),
                m.group(3));
    }

    /** Host, port and database, for messages (the URL's parameters may hold a password). */
    public String describe() {
        return host + ":" + port + "/" + database;
    }

    private static String describe(String url) {
        int parameters = url.indexOf('?');
        return parameters < 0 ? url : url.substring(0, parameters) + "?...";
    }

    @Override
    public String toString() {
        return describe();
    }
}
