package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.inventory.Reference;
import dev.migrationstudio.inventory.TableId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a view reads, from its SQL, for engines without a dependency catalog (H2, MariaDB). Both store
 * view definitions with every identifier quoted (H2 with double quotes, MariaDB with back-quotes), so
 * quoted names are read: {@code "schema"."table"} names a table, {@code "alias"."column"} or {@code "column"} a column of a table the view reads. Errs on the
 * side of listing a column: a name that is both an alias and a column of a table read counts as read,
 * because a review would rather flag a consumer too many than miss one.
 */
final class ViewSqlReads {

    private ViewSqlReads() {
    }

    /**
     * The tables and columns a view reads.
     *
     * @param sql the view's definition
     * @param view the view itself (its schema qualifies unqualified table names)
     * @param known every table and view that may be read, with their columns
     * @param quote the character the engine quotes identifiers with
     */
    public static List<Reference> of(String sql, TableId view, Map<TableId, List<String>> known, char quote) {
        List<List<String>> chains = chains(sql, quote);
        Set<TableId> tables = new LinkedHashSet<>();
        for (List<String> chain : chains) {
            tableOf(chain, view, known).ifPresent(tables::add);
        }
        tables.remove(view);
        Map<TableId, Set<String>> columns = new LinkedHashMap<>();
        tables.forEach(t -> columns.put(t, new LinkedHashSet<>()));
        for (List<String> chain : chains) {
            Optional<TableId> table = tableOf(chain, view, known);
            if (table.isPresent()) {
                if (chain.size() == 3) {
                    addIfColumn(columns, known, table.get(), chain.get(2));
                }
                continue;
            }
            String column = chain.get(chain.size() - 1);
            if (chain.size() == 2) {
                Optional<TableId> named = tables.stream().filter(t -> t.name().equals(chain.get(0))).findFirst();
                if (named.isPresent()) {
                    addIfColumn(columns, known, named.get(), column);
                    continue;
                }
            }
            if (chain.size() <= 2) {
                for (TableId candidate : tables) {
                    addIfColumn(columns, known, candidate, column);
                }
            }
        }
        List<Reference> references = new ArrayList<>();
        columns.forEach((table, cols) -> {
            if (cols.isEmpty()) {
                references.add(new Reference(table, Optional.empty()));
            } else {
                cols.forEach(c -> references.add(new Reference(table, Optional.of(c))));
            }
        });
        return List.copyOf(references);
    }

    private static void addIfColumn(Map<TableId, Set<String>> columns, Map<TableId, List<String>> known, TableId table,
                                    String column) {
        if (known.getOrDefault(table, List.of()).contains(column)) {
            columns.get(table).add(column);
        }
    }

    /** The table a name chain starts with, when it names one: {@code schema.table[.column]} or {@code table}. */
    private static Optional<TableId> tableOf(List<String> chain, TableId view, Map<TableId, List<String>> known) {
        if (chain.size() >= 2) {
            TableId qualified = TableId.of(chain.get(0), chain.get(1));
            if (known.containsKey(qualified)) {
                return Optional.of(qualified);
            }
        }
        if (chain.size() == 1 && !view.schema().isEmpty()) {
            TableId sameSchema = TableId.of(view.schema(), chain.get(0));
            if (known.containsKey(sameSchema)) {
                return Optional.of(sameSchema);
            }
        }
        return Optional.empty();
    }

    /** Dotted chains of quoted identifiers, outside string literals and comments. */
    static List<List<String>> chains(String sql, char quote) {
        List<List<String>> chains = new ArrayList<>();
        List<String> current = null;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'') {
                i = skipQuoted(sql, i, '\'');
                current = null;
            } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end;
                current = null;
            } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
                current = null;
            } else if (c == quote) {
                int end = skipQuoted(sql, i, quote);
                String identifier = sql.substring(i + 1, end - 1).replace(quote + "" + quote, String.valueOf(quote));
                if (current == null) {
                    current = new ArrayList<>();
                    chains.add(current);
                }
                current.add(identifier);
                i = end;
                if (i < sql.length() && sql.charAt(i) == '.') {
                    i++;
                } else {
                    current = null;
                }
            } else {
                current = null;
                i++;
            }
        }
        return chains;
    }

    /** The index after a quoted token starting at {@code start}; a doubled quote stays inside. */
    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}
