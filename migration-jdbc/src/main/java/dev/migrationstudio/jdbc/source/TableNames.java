package dev.migrationstudio.jdbc.source;

import dev.migrationstudio.Names;
import dev.migrationstudio.inventory.TableId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.SQLDialect;

/**
 * The tables a connection sees, named in "does not exist" errors, so that the engine and the verifier
 * suggest the same near misses.
 */
public final class TableNames {
    private TableNames() {
    }

    /**
     * {@code "; did you mean ..."} naming the tables, views and partitioned tables whose names are close
     * to {@code id}'s (compared qualified when {@code id} is qualified, and shown qualified), for a "does
     * not exist" error.
     *
     * @param connection an open connection; not null
     * @param id the table that was not found; not null
     * @return the hint, starting with {@code "; "}, or the empty string when no name is close
     * @throws SQLException if the database's metadata cannot be read
     */
    public static String nearMisses(Connection connection, TableId id) throws SQLException {
        // MariaDB's databases are its schemas: its driver reports them as catalogs.
        boolean databases = Dialects.of(connection) == SQLDialect.MARIADB;
        Map<String, String> shownByCompared = new LinkedHashMap<>();
        try (ResultSet rows = connection.getMetaData().getTables(null, null, "%",
                new String[] {"TABLE", "BASE TABLE", "VIEW", "PARTITIONED TABLE"})) {
            while (rows.next()) {
                String schema = rows.getString(databases ? "TABLE_CAT" : "TABLE_SCHEM");
                String name = rows.getString("TABLE_NAME");
                String qualified = schema == null ? name : schema + "." + name;
                shownByCompared.putIfAbsent(id.schemaName().isEmpty() ? name : qualified, qualified);
            }
        }
        List<String> near = Names.nearMisses(id.toString(), shownByCompared.keySet());
        return near.isEmpty() ? ""
                : "; did you mean " + String.join(", ", near.stream().map(shownByCompared::get).toList()) + "?";
    }
}
