package dev.migrationstudio.report.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers for the data trees of documents. */
public final class DocTrees {
    private DocTrees() {
    }

    /** A map in the order given, from alternating keys and values (values may be null or optional). */
    public static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
