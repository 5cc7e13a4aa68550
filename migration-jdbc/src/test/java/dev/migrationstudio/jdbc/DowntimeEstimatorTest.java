package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.chinook.ChinookDataset;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.risk.Risk;
import dev.migrationstudio.risk.RiskRegister;
import dev.migrationstudio.risk.RiskRules;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DowntimeEstimatorTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void largeTableRisksGetADowntimeEstimateFromAMeasuredSample(Engine engine) {
        try (TestDatabase db = engine.create("downtime")) {
            ChinookDataset.load(db.dataSource());
            Inventory inventory = JdbcInventory.scan(db.dataSource());
            RiskRegister register = RiskRules.standard().largeTableThreshold(3_000).assess(inventory);
            CountingDataSource counting = new CountingDataSource(db.dataSource());

            RiskRegister estimated = DowntimeEstimator.of(counting).sampleRows(1_000).estimate(register, inventory);

            assertThat(estimated.risks()).hasSameSizeAs(register.risks());
            assertThat(estimated.orderingConstraints()).isEqualTo(register.orderingConstraints());
            assertThat(estimated.risks()).filteredOn(r -> r.rule().orElseThrow().equals("large-table"))
                    .extracting(r -> r.affects().get(0)).containsExactlyInAnyOrder(db.schema() + ".track", db.schema() + ".playlist_track");
            for (Risk risk : estimated.risks()) {
                boolean large = risk.rule().orElseThrow().equals("large-table");
                assertThat(risk.downtimeEstimate().isPresent()).as(risk.title()).isEqualTo(large);
                risk.downtimeEstimate().ifPresent(d -> assertThat(d).isPositive());
            }
            assertThat(estimated.risks()).extracting(Risk::id)
                    .containsExactlyElementsOf(register.risks().stream().map(Risk::id).toList());
            assertThat(counting.statements()).hasSize(2).allSatisfy(s -> assertThat(s).containsPattern("(?i)(limit|fetch next) \\?"));

            ReadThroughput sample = DowntimeEstimator.of(db.dataSource()).sampleRows(500)
                    .measure(inventory.table("track").orElseThrow());
            assertThat(sample.table()).isEqualTo(TableId.of(db.schema(), "track"));
            assertThat(sample.rowsRead()).isEqualTo(500);
            assertThat(DowntimeEstimator.of(db.dataSource()).measure(inventory.table("genre").orElseThrow()).rowsRead())
                    .isEqualTo(25);
        }
    }

    @Test
    void scalesTheMeasuredRateToTheWholeTable() {
        ReadThroughput sample = new ReadThroughput(TableId.of("t"), 1_000, Duration.ofMillis(250));

        assertThat(sample.rowsPerSecond()).isEqualTo(4_000.0);
        assertThat(sample.timeFor(10_000)).isEqualTo(Duration.ofMillis(2_500));
        assertThat(new ReadThroughput(TableId.of("t"), 0, Duration.ofMillis(3)).timeFor(10)).isEqualTo(Duration.ZERO);
    }

    @Test
    void rejectsNonsensicalOptions() {
        DowntimeEstimator estimator = DowntimeEstimator.of(new CountingDataSource(null));

        assertThatThrownBy(() -> estimator.sampleRows(0)).hasMessage("sample rows must be positive, got 0");
        assertThatThrownBy(() -> estimator.loadFactor(0.5)).hasMessage("load factor must be at least 1, got 0.5");
    }
}
