package dev.migrationstudio.verify.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.SQLDialect;

/**
 * What an engine's plan for a query says about each table: read in full, or through which index.
 * PostgreSQL and H2 explain as text, MariaDB as rows; other engines give an empty shape.
 *
 * @param fullScans the tables read in full (lower case, unqualified)
 * @param indexes the index used for each table read through one (lower case, unqualified)
 */
record PlanShape(Set<String> fullScans, Map<String, String> indexes) {
    private static final Pattern PG_SEQ = Pattern.compile("Seq Scan on (?:\\S+\\.)?\"?([^\\s\"]+)\"?");
    private static final Pattern PG_INDEX = Pattern.compile(
            "Index (?:Only )?Scan(?: Backward)? using \"?([^\\s\"]+)\"? on (?:\\S+\\.)?\"?([^\\s\"]+)\"?");
    private static final Pattern PG_BITMAP = Pattern.compile("Bitmap Index Scan on \"?([^\\s\"]+)\"?");
    private static final Pattern PG_BITMAP_HEAP = Pattern.compile("Bitmap Heap Scan on (?:\\S+\\.)?\"?([^\\s\"]+)\"?");
    private static final Pattern H2_SCAN = Pattern.compile("/\\* (?:\"?\\w+\"?\\.)?\"?(\\w+)\"?\\.tableScan");
    private static final Pattern H2_INDEX = Pattern.compile(
            "(?:\"?\\w+\"?\\.)?\"?(\\w+)\"?(?: \"?\\w+\"?)?\\s*/\\* (?:\"?\\w+\"?\\.)?\"?(\\w+)\"?(?:: |\\s*\\*/)");

    PlanShape {
        fullScans = Set.copyOf(fullScans);
        indexes = Map.copyOf(indexes);
    }

    /** The shape of a query's plan on one side; empty when the engine cannot explain it. */
    static PlanShape explain(Side side, String sql, List<Object> binds) {
        SQLDialect family = side.dialect().family();
        Set<String> scans = new LinkedHashSet<>();
        Map<String, String> indexes = new LinkedHashMap<>();
        try (PreparedStatement statement = side.connection().prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < binds.size(); i++) {
                statement.setObject(i + 1, binds.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                if (family == SQLDialect.MARIADB || family == SQLDialect.MYSQL) {
                    while (rows.next()) {
                        String table = lower(rows.getString("table"));
                        String key = rows.getString("key");
                        if ("ALL".equalsIgnoreCase(rows.getString("type"))) {
                            scans.add(table);
                        } else if (key != null) {
                            indexes.put(table, lower(key));
                        }
                    }
                } else {
                    List<String> lines = new ArrayList<>();
                    while (rows.next()) {
                        lines.add(rows.getString(1));
                    }
                    read(family, String.join("\n", lines), scans, indexes);
                }
            }
        } catch (SQLException e) {
            return new PlanShape(Set.of(), Map.of());
        } finally {
            side.endRead();
        }
        return new PlanShape(scans, indexes);
    }

    private static void read(SQLDialect family, String plan, Set<String> scans, Map<String, String> indexes) {
        if (family == SQLDialect.POSTGRES) {
            for (Matcher m = PG_SEQ.matcher(plan); m.find(); ) {
                scans.add(lower(m.group(1)));
            }
            for (Matcher m = PG_INDEX.matcher(plan); m.find(); ) {
                indexes.put(lower(m.group(2)), lower(m.group(1)));
            }
            Matcher bitmap = PG_BITMAP.matcher(plan);
            Matcher heap = PG_BITMAP_HEAP.matcher(plan);
            while (bitmap.find() && heap.find()) {
                indexes.put(lower(heap.group(1)), lower(bitmap.group(1)));
            }
        } else if (family == SQLDialect.H2) {
            for (Matcher m = H2_SCAN.matcher(plan); m.find(); ) {
                scans.add(lower(m.group(1)));
            }
            for (Matcher m = H2_INDEX.matcher(plan); m.find(); ) {
                if (!m.group(2).endsWith("tableScan")) {
                    indexes.put(lower(m.group(1)), lower(m.group(2)));
                }
            }
        }
    }

    private static String lower(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }
}
