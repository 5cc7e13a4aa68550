package dev.migrationstudio.verify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkPlanTest {

    @Test
    void aRowGoesToTheOneChunkWhoseRangeHoldsItsKey() {
        ChunkPlan plan = new ChunkPlan(List.of(new Object[] {10L}, new Object[] {20L}, new Object[] {30L}));
        int[] key = {1};
        for (long k = 0; k < 40; k++) {
            Object[] row = {"x", k};
            int chunk = plan.chunkOf(row, key);
            assertThat(plan.range(chunk).contains(new Object[] {k})).as("key %s in chunk %s", k, chunk).isTrue();
            for (int other = 0; other <= plan.chunks(); other++) {
                if (other != chunk) {
                    assertThat(plan.range(other).contains(new Object[] {k})).as("key %s in chunk %s", k, other)
                            .isFalse();
                }
            }
        }
        assertThat(plan.chunkOf(new Object[] {"x", null}, key)).isEqualTo(plan.chunks());
        assertThat(plan.range(plan.chunks()).nullKeys()).isTrue();
    }

    @Test
    void compositeKeysAreChunkedInKeyOrder() {
        ChunkPlan plan = new ChunkPlan(List.of(new Object[] {1, "m"}, new Object[] {2, "a"}));
        int[] key = {0, 1};
        assertThat(plan.chunkOf(new Object[] {1, "a"}, key)).isZero();
        assertThat(plan.chunkOf(new Object[] {1, "m"}, key)).isEqualTo(1);
        assertThat(plan.chunkOf(new Object[] {1, "z"}, key)).isEqualTo(1);
        assertThat(plan.chunkOf(new Object[] {2, "a"}, key)).isEqualTo(2);
        assertThat(plan.chunkOf(new Object[] {2, null}, key)).isEqualTo(plan.chunks());
    }

    @Test
    void withoutBoundariesTheWholeTableIsOneChunk() {
        assertThat(ChunkPlan.WHOLE.chunks()).isEqualTo(1);
        assertThat(ChunkPlan.WHOLE.range(0)).isEqualTo(KeyRange.all());
        assertThat(ChunkPlan.WHOLE.chunkOf(new Object[] {5}, new int[] {0})).isZero();
    }
}
