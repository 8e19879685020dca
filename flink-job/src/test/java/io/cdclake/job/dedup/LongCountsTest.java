package io.cdclake.job.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongCountsTest {

    @Test
    void agreesWithAMapUnderRandomAddsAndRemoves() {
        LongCounts counts = new LongCounts();
        Map<Long, Integer> expected = new HashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            // Few distinct values, zero among them, so removals and probe chains collide often.
            long value = random.nextInt(3000) - 5;
            if (random.nextBoolean()) {
                counts.add(value);
                expected.merge(value, 1, Integer::sum);
            } else {
                boolean had = expected.getOrDefault(value, 0) > 0;
                assertThat(counts.removeOne(value)).isEqualTo(had);
                if (had) {
                    expected.merge(value, -1, Integer::sum);
                    expected.remove(value, 0);
                }
            }
        }
        for (long value = -5; value < 3000; value++) {
            assertThat(counts.count(value)).isEqualTo(expected.getOrDefault(value, 0));
        }
        assertThat(counts.distinct()).isEqualTo(expected.size());
        Map<Long, Integer> listed = new HashMap<>();
        counts.forEach((value, count) -> listed.put(value, count));
        assertThat(listed).isEqualTo(expected);
    }

    @Test
    void theTableFillsToThreeQuartersBeforeItDoubles() {
        LongCounts counts = new LongCounts();
        for (long value = 1; value <= 12; value++) {
            counts.add(value);
        }
        assertThat(counts.capacity()).isEqualTo(16);
        counts.add(13);
        assertThat(counts.capacity()).isEqualTo(32);
        for (long value = 1; value <= 24; value++) {
            counts.add(value); // a second occurrence of 1 to 13 takes no slot
        }
        assertThat(counts.capacity()).isEqualTo(32);
        for (long value = 1; value <= 24; value++) {
            assertThat(counts.count(value)).isEqualTo(value <= 13 ? 2 : 1);
        }
    }
}
