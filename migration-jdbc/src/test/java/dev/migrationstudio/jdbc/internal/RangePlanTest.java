package dev.migrationstudio.jdbc.internal;

import static dev.migrationstudio.jdbc.internal.RangePlan.STRIDE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.jdbc.RowCounts;
import dev.migrationstudio.jdbc.ledger.LedgerChunk;
import dev.migrationstudio.jdbc.ledger.MappingProgress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the ledger of ranges committed out of order tells the rows no range holds. */
class RangePlanTest {
    private static final String MAPPING = "item -> product";

    private static LedgerChunk opening(long number, Integer after) {
        return new LedgerChunk(MAPPING, number, Optional.ofNullable(after).map(List::<Object>of),
                new RowCounts(0, 0, Map.of(), 0));
    }

    private static LedgerChunk chunk(long number, int lastKey) {
        return new LedgerChunk(MAPPING, number, Optional.of(List.of(lastKey)), new RowCounts(250, 250, Map.of(), 0));
    }

    private static List<RangePlan.Range> holes(LedgerChunk... chunks) {
        return RangePlan.holes(new MappingProgress(MAPPING, Arrays.asList(chunks), false));
    }

    @Test
    void rangesCommittedInKeyOrderLeaveNoHole() {
        assertThat(holes(opening(STRIDE, null), chunk(STRIDE + 1, 250), opening(2 * STRIDE, 250),
                chunk(2 * STRIDE + 1, 500))).isEmpty();
    }

    @Test
    void aSequentialRunsChunksLeaveNoHole() {
        assertThat(holes(chunk(1, 250), chunk(2, 500), chunk(3, 750))).isEmpty();
    }

    @Test
    void aMissingFirstRangeIsAHoleFromTheStartNumberedBelowTheNextOpening() {
        List<RangePlan.Range> holes = holes(opening(2 * STRIDE, 250), chunk(2 * STRIDE + 1, 500));

        assertThat(holes).singleElement().satisfies(hole -> {
            assertThat(hole.after()).isNull();
            assertThat(hole.upto()).containsExactly(250);
            assertThat(hole.start()).isEqualTo(1);
            assertThat(hole.limit()).isEqualTo(2 * STRIDE);
            assertThat(hole.opens()).isFalse();
        });
    }

    @Test
    void aRangeThatCommittedPartOfItsChunksLeavesTheRestAsAHole() {
        List<RangePlan.Range> holes = holes(opening(STRIDE, null), chunk(STRIDE + 1, 100),
                opening(2 * STRIDE, 250), chunk(2 * STRIDE + 1, 500), opening(4 * STRIDE, 750),
                chunk(4 * STRIDE + 1, 1000));

        assertThat(holes).extracting(RangePlan.Range::after, RangePlan.Range::upto, RangePlan.Range::start,
                RangePlan.Range::limit).containsExactly(
                org.assertj.core.groups.Tuple.tuple(new ArrayList<Object>(List.of(100)),
                        new ArrayList<Object>(List.of(250)), STRIDE + 2, 2 * STRIDE),
                org.assertj.core.groups.Tuple.tuple(new ArrayList<Object>(List.of(500)),
                        new ArrayList<Object>(List.of(750)), 2 * STRIDE + 2, 4 * STRIDE));
    }

    @Test
    void aFilledHoleIsNoLongerOne() {
        assertThat(holes(chunk(1, 250), opening(2 * STRIDE, 250), chunk(2 * STRIDE + 1, 500))).isEmpty();
    }

    @Test
    void blocksStartAtTheNextMultipleOfTheStride() {
        assertThat(RangePlan.blockAfter(0)).isEqualTo(STRIDE);
        assertThat(RangePlan.blockAfter(41)).isEqualTo(STRIDE);
        assertThat(RangePlan.blockAfter(STRIDE)).isEqualTo(2 * STRIDE);
    }
}
