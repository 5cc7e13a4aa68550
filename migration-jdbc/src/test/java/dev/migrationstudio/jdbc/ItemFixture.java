package dev.migrationstudio.jdbc;

import static dev.migrationstudio.mapping.Transforms.trim;

import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.RowResult;
import dev.migrationstudio.testing.FixtureSql;
import dev.migrationstudio.testing.TestDatabase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A source table of items, a target table of products, and the spec between them. */
final class ItemFixture {
    private ItemFixture() {
    }

    /** {@code rows} items with ids 1..rows; every 10th is inactive, names padded with spaces. */
    static void createSource(TestDatabase db, int rows) {
        db.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, price NUMERIC(10,2),"
                + " active BOOLEAN NOT NULL, created TIMESTAMP)");
        db.execute("INSERT INTO item SELECT x, CONCAT(' item ', x, ' '), x * 1.25, MOD(x, 10) <> 0, "
                + FixtureSql.plusMinutes(db.engine(), "TIMESTAMP '2024-01-01 00:00:00'", "x") + " FROM "
                + FixtureSql.series(db.engine(), rows));
    }

    static void createTarget(TestDatabase db) {
        db.execute("CREATE TABLE product (product_id INTEGER PRIMARY KEY, title VARCHAR(50) NOT NULL,"
                + " price NUMERIC(12,2), created_at TIMESTAMP, origin VARCHAR(10) NOT NULL)");
    }

    static MappingSpec spec() {
        return spec("legacy");
    }

    static MappingSpec spec(String origin) {
        return spec(origin, "DECIMAL(12,2)", true);
    }

    /** A version of the spec: the origin it writes, the type its price is cast to, whether it keeps active items only. */
    static MappingSpec spec(String origin, String priceType, boolean activeOnly) {
        return spec("items-to-products", origin, priceType, activeOnly);
    }

    /** A version of the spec under another name. */
    static MappingSpec spec(String name, String origin, String priceType, boolean activeOnly) {
        return MappingSpec.builder(name)
                .table("item").to("product", t -> {
                    t.key("id").to("product_id")
                            .field("name").to("title").transform(trim())
                            .field("price").cast(priceType)
                            .field("created").to("created_at")
                            .constant("origin", origin);
                    if (activeOnly) {
                        t.filter("active only", List.of("active"), row -> row.bool("active"));
                    } else {
                        t.drop("active", "every item is migrated");
                    }
                })
                .build();
    }

    /**
     * The same tables with rules SQL can write (renames, trim, a constant; no filter or cast): from
     * PostgreSQL to PostgreSQL its chunks pass through COPY.
     */
    static MappingSpec passthroughSpec() {
        return MappingSpec.builder("items-passing-through")
                .table("item").to("product", t -> t
                        .key("id").to("product_id")
                        .field("name").to("title").transform(trim())
                        .field("price")
                        .field("created").to("created_at")
                        .constant("origin", "legacy"))
                .build();
    }

    /** What the target must hold: the source mapped in memory, by key. */
    static Map<Integer, List<Object>> expected(TestDatabase source, MappingSpec spec) {
        Map<Integer, List<Object>> expected = new TreeMap<>();
        for (Object[] values : source.query("SELECT id, name, price, active, created FROM item")) {
            Row row = Row.of("id", values[0], "name", values[1], "price", values[2], "active", values[3],
                    "created", values[4] == null ? null : ((java.sql.Timestamp) values[4]).toLocalDateTime());
            RowResult result = spec.table("item").orElseThrow().apply(row);
            if (result instanceof RowResult.Loaded) {
                Row mapped = ((RowResult.Loaded) result).row();
                expected.put(mapped.integer("product_id"), normalize(mapped.valuesOf(mapped.columns())));
            }
        }
        return expected;
    }

    /** What the target holds, by key. */
    static Map<Integer, List<Object>> actual(TestDatabase target) {
        Map<Integer, List<Object>> actual = new TreeMap<>();
        for (Object[] values : target.query("SELECT product_id, title, price, created_at, origin FROM product")) {
            List<Object> row = new ArrayList<>(java.util.Arrays.asList(values));
            row.set(3, values[3] == null ? null : ((java.sql.Timestamp) values[3]).toLocalDateTime());
            actual.put(((Number) values[0]).intValue(), normalize(row));
        }
        return actual;
    }

    private static List<Object> normalize(List<Object> values) {
        List<Object> normalized = new ArrayList<>();
        for (Object value : values) {
            normalized.add(value instanceof BigDecimal ? ((BigDecimal) value).stripTrailingZeros() : value);
        }
        return normalized;
    }
}
