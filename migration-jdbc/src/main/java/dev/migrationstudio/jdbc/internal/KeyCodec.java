package dev.migrationstudio.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.migrationstudio.MigrationException;
import dev.migrationstudio.mapping.SpecialValue;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Writes key values to the ledger as JSON and reads them back with their exact Java types, so that a
 * resumed run binds the same values the interrupted run read. Each value is a pair of a type tag and
 * its text: {@code [["int","42"],["text","a"]]}.
 */
final class KeyCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyCodec() {
    }

    /** The JSON text of a key. */
    public static String encode(List<Object> key) {
        ArrayNode array = JSON.createArrayNode();
        for (Object value : key) {
            ArrayNode pair = array.addArray();
            if (value == null) {
                pair.add("null").add("");
            } else {
                pair.add(tag(value)).add(text(value));
            }
        }
        return array.toString();
    }

    /** The key a JSON text describes. */
    public static List<Object> decode(String json) {
        try {
            List<Object> key = new ArrayList<>();
            for (JsonNode pair : JSON.readTree(json)) {
                key.add(value(pair.get(0).asText(), pair.get(1).asText()));
            }
            return key;
        } catch (JsonProcessingException | RuntimeException e) {
            throw new MigrationException("the ledger holds a key that cannot be read back: " + json, e);
        }
    }

    private static String tag(Object value) {
        if (value instanceof Integer) {
            return "int";
        }
        if (value instanceof Long) {
            return "long";
        }
        if (value instanceof BigDecimal) {
            return "decimal";
        }
        if (value instanceof String) {
            return "text";
        }
        if (value instanceof LocalDate) {
            return "date";
        }
        if (value instanceof LocalDateTime) {
            return "timestamp";
        }
        if (value instanceof OffsetDateTime) {
            return "timestamptz";
        }
        if (value instanceof LocalTime) {
            return "time";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof UUID) {
            return "uuid";
        }
        if (value instanceof byte[]) {
            return "bytes";
        }
        if (value instanceof Double) {
            return "double";
        }
        if (value instanceof Float) {
            return "float";
        }
        if (value instanceof SpecialValue) {
            return "special";
        }
        throw new MigrationException("a key column holds a " + value.getClass().getName()
                + ", which cannot be recorded for resuming; key on a column of a common type");
    }

    private static String text(Object value) {
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        if (value instanceof byte[]) {
            return Base64.getEncoder().encodeToString((byte[]) value);
        }
        return value.toString();
    }

    private static Object value(String tag, String text) {
        switch (tag) {
            case "null": return null;
            case "int": return Integer.valueOf(text);
            case "long": return Long.valueOf(text);
            case "decimal": return new BigDecimal(text);
            case "text": return text;
            case "date": return LocalDate.parse(text);
            case "timestamp": return LocalDateTime.parse(text);
            case "timestamptz": return OffsetDateTime.parse(text);
            case "time": return LocalTime.parse(text);
            case "bool": return Boolean.valueOf(text);
            case "uuid": return UUID.fromString(text);
            case "bytes": return Base64.getDecoder().decode(text);
            case "double": return Double.valueOf(text);
            case "float": return Float.valueOf(text);
            case "special": return java.util.Objects.requireNonNull(SpecialValue.parse(text), text);
            default: throw new IllegalArgumentException("unknown key type tag " + tag);
        }
    }
}
