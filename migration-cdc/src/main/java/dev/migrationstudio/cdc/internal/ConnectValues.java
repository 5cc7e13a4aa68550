package dev.migrationstudio.cdc.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Key values as the Debezium connector hands them over (Kafka Connect values with Debezium's logical
 * types), turned into the Java values a JDBC driver binds for the same column.
 */
final class ConnectValues {
    private ConnectValues() {
    }

    /** The Java value of a Connect value of this schema. */
    static Object toJava(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        String name = schema.name() == null ? "" : schema.name();
        switch (name) {
            case "io.debezium.time.Date":
                return LocalDate.ofEpochDay(((Number) value).longValue());
            case "io.debezium.time.Timestamp":
                return micros(((Number) value).longValue() * 1_000);
            case "io.debezium.time.MicroTimestamp":
                return micros(((Number) value).longValue());
            case "io.debezium.time.NanoTimestamp":
                long nanos = ((Number) value).longValue();
                return LocalDateTime.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                        (int) Math.floorMod(nanos, 1_000_000_000L), ZoneOffset.UTC);
            case "io.debezium.time.MicroTime":
                return LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000);
            case "io.debezium.time.ZonedTimestamp":
                return OffsetDateTime.parse((String) value);
            case "io.debezium.data.Uuid":
                return UUID.fromString((String) value);
            case "io.debezium.data.VariableScaleDecimal":
                Struct decimal = (Struct) value;
                return new BigDecimal(new BigInteger(bytes(decimal.get("value"))), decimal.getInt32("scale"));
            default:
                break;
        }
        if (value instanceof ByteBuffer || value instanceof byte[]) {
            return bytes(value);
        }
        return value;
    }

    private static LocalDateTime micros(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1_000, ZoneOffset.UTC);
    }

    /** The bytes of a Connect bytes value (a buffer or an array). */
    static byte[] bytes(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
