package dev.migrationstudio.chinook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits simple SQL scripts (no procedural blocks) into statements. */
public final class SqlScript {
    private SqlScript() {
    }

    /**
     * The statements of a script: split at semicolons outside quotes, comments removed, psql
     * meta-commands and {@code CREATE/DROP DATABASE} statements left out.
     */
    public static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inString = false;
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (!inString && c == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
                while (i < script.length() && script.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (!inString && c == '/' && i + 1 < script.length() && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                i = end < 0 ? script.length() : end + 2;
                continue;
            }
            if (!inString && c == '\\' && current.toString().isBlank()) {
                while (i < script.length() && script.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '\'') {
                inString = !inString;
            }
            if (!inString && c == ';') {
                add(statements, current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
            i++;
        }
        add(statements, current.toString());
        return statements;
    }

    private static void add(List<String> statements, String statement) {
        String sql = statement.strip();
        String upper = sql.toUpperCase(Locale.ROOT);
        if (sql.isEmpty() || upper.startsWith("CREATE DATABASE") || upper.startsWith("DROP DATABASE")) {
            return;
        }
        statements.add(sql);
    }
}
