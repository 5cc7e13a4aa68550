package dev.migrationstudio.review.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashDuplicatesTest {

    @Test
    void countsRepeatsInMemory() {
        HashDuplicates hashes = new HashDuplicates(100);
        for (long value : new long[] {5, 3, 5, 9, 5, 3, -1}) {
            hashes.add(value);
        }

        assertThat(hashes.finish()).isEqualTo(new HashDuplicates.Counts(4, 3, 2));
    }

    @Test
    void countsRepeatsSpreadOverSortedRunsOnDiskAsAMapWould() {
        Random random = new Random(7);
        HashDuplicates hashes = new HashDuplicates(333);
        Map<Long, Integer> seen = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            long value = random.nextInt(6_000) - 3_000L;
            hashes.add(value);
            seen.merge(value, 1, Integer::sum);
        }

        long repeatedValues = seen.values().stream().filter(n -> n > 1).count();
        assertThat(hashes.finish())
                .isEqualTo(new HashDuplicates.Counts(seen.size(), 10_000 - seen.size(), repeatedValues));
    }

    @Test
    void nothingAddedIsNothingCounted() {
        assertThat(new HashDuplicates(10).finish()).isEqualTo(new HashDuplicates.Counts(0, 0, 0));
    }
}
