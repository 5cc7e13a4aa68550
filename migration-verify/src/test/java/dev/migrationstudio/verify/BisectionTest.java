package dev.migrationstudio.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.math.BigDecimal;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Differences scattered over a table with a composite text + integer key are all found, by
 * comparing only the rows of the chunks that differ, and nothing else is reported.
 */
class BisectionTest {
    private static final int ROWS = 12_000;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void findsEveryDifferingRowByBisectingOnlyTheChunksThatDiffer(Engine engine) {
        try (TestDatabase source = engine.create("orders-source"); TestDatabase target = engine.create("orders-target")) {
            Orders.create(source);
            Orders.create(target);
            Orders.fill(source, ROWS);
            Orders.fill(target, ROWS);
            target.execute("DELETE FROM orders WHERE region = 'north' AND order_no = 6",
                    "DELETE FROM orders WHERE region = 'éast' AND order_no = 9002",
                    "UPDATE orders SET amount = amount + 0.01 WHERE region = 'South' AND order_no = 4003",
                    "UPDATE orders SET note = 'note 7780 ' WHERE region = 'Zentral' AND order_no = 7780",
                    "INSERT INTO orders VALUES ('west', 99999, 'intruder', 1.00, NULL, NULL, NULL, NULL)");
            DataSource sourcePool = Pools.of(source);
            DataSource targetPool = Pools.of(target);
            try {
                VerificationReport report = Verifier.between(sourcePool, targetPool).spec(Orders.spec())
                        .checksums().chunkSize(500).bisectionLeafRows(20).parallelism(4).verify();

                TableVerification orders = report.table("orders").orElseThrow();
                assertThat(orders.discrepancies()).extracting(Discrepancy::describe).containsExactlyInAnyOrder(
                        "orders: missing row (region='north', order_no=6)",
                        "orders: missing row (region='éast', order_no=9002)",
                        "orders: changed row (region='South', order_no=4003): amount: expected "
                                + new BigDecimal(4003 * 37L % 100_000).movePointLeft(2).stripTrailingZeros().toPlainString()
                                + ", found " + new BigDecimal(4003 * 37L % 100_000 + 1).movePointLeft(2).stripTrailingZeros()
                                .toPlainString(),
                        "orders: changed row (region='Zentral', order_no=7780): note: expected 'note 7780', found 'note 7780 '",
                        "orders: extra row (region='west', order_no=99999)");
                assertThat(List.of(orders.missingRows(), orders.extraRows(), orders.changedRows()))
                        .containsExactly(2L, 1L, 2L);
                ChecksumSummary checksums = orders.checksums().orElseThrow();
                assertThat(checksums.chunksDiffering()).isBetween(1, 5);
                assertThat(checksums.rowsComparedIndividually()).as("rows compared one by one")
                        .isPositive().isLessThan(ROWS / 10);
            } finally {
                Pools.close(sourcePool);
                Pools.close(targetPool);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void textKeysInAnyCollationGiveNoFalseAlarmAcrossEngines(Engine engine) {
        try (TestDatabase source = Engine.H2.create("codes-source"); TestDatabase target = engine.create("codes-target")) {
            for (TestDatabase db : List.of(source, target)) {
                db.execute("CREATE TABLE codes (code VARCHAR(20) PRIMARY KEY, label VARCHAR(20))");
            }
            String[] codes = {"apple", "Apple", "APPLE", "banana", "Banana", "éclair", "eclair", "Zebra", "zebra",
                "_under", "a b", "a-b", "ab", "Ñandú", "ñu", "0", "10", "9", "~tilde", "Äpfel", "Ölung", "straße"};
            for (int i = 0; i < codes.length; i++) {
                source.execute("INSERT INTO codes VALUES ('" + codes[i] + "', 'label " + i + "')");
                if (!codes[i].equals("ñu")) {
                    target.execute("INSERT INTO codes VALUES ('" + codes[i] + "', 'label " + i
                            + (codes[i].equals("Zebra") ? "!" : "") + "')");
                }
            }
            VerificationReport report = Verifier.between(source.dataSource(), target.dataSource())
                    .spec(dev.migrationstudio.mapping.MappingSpec.builder("codes")
                            .table("codes", t -> t.key("code").field("label")).build())
                    .checksums().chunkSize(3).bisectionLeafRows(2).verify();

            assertThat(report.discrepancies()).extracting(Discrepancy::describe).containsExactlyInAnyOrder(
                    "codes: missing row code='ñu'",
                    "codes: changed row code='Zebra': label: expected 'label 7', found 'label 7!'");
            assertThat(report.table("codes").orElseThrow().errors()).isEmpty();
        }
    }
}
