package dev.migrationstudio.verify;

import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated table with a composite key of text and integer, every common value type, and rows
 * enough to need many chunks: the same rows can be written to a source and a target, then the
 * target corrupted in exactly known places.
 */
final class Orders {
    static final String[] REGIONS = {"north", "South", "éast", "west", "Zentral", "_misc"};

    private Orders() {
    }

    static MappingSpec spec() {
        return MappingSpec.builder("orders")
                .table("orders", t -> t.key("region").key("order_no").field("customer").field("amount")
                        .field("placed").field("weight").field("paid").field("note"))
                .build();
    }

    static void create(TestDatabase db) {
        db.execute("CREATE TABLE orders (region VARCHAR(10) NOT NULL, order_no INT NOT NULL, customer VARCHAR(40),"
                + " amount NUMERIC(12,2), placed TIMESTAMP, weight DOUBLE PRECISION, paid BOOLEAN, note VARCHAR(100),"
                + " PRIMARY KEY (region, order_no))");
    }

    /** Row {@code i}: region and number, and values that vary in every column (NULLs and empty strings too). */
    static Object[] row(int i) {
        String region = REGIONS[i % REGIONS.length];
        return new Object[] {region, i, i % 13 == 0 ? null : "customer " + (i % 997),
            BigDecimal.valueOf(i * 37L % 100_000, 2), LocalDateTime.of(2020, 1, 1, 0, 0).plusSeconds(i * 3_607L)
                .plusNanos((i % 1000) * 1000L), i % 7 == 0 ? null : i / 3.0, i % 2 == 0,
            i % 11 == 0 ? "" : i % 17 == 0 ? null : "note " + i};
    }

    static void fill(TestDatabase db, int rows) {
        List<Object[]> all = new ArrayList<>();
        for (int i = 1; i <= rows; i++) {
            all.add(row(i));
        }
        insert(db, all);
    }

    static void insert(TestDatabase db, List<Object[]> rows) {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            int pending = 0;
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    insert.setObject(i + 1, row[i]);
                }
                insert.addBatch();
                if (++pending == 2_000) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            insert.executeBatch();
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
