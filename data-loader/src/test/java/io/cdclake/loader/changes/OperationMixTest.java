package io.cdclake.loader.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OperationMixTest {

    @Test
    void parsesWeightsAndLeavesMissingOperationsAtZero() {
        assertThat(OperationMix.parse("insert=50,update=40,delete=10"))
                .isEqualTo(new OperationMix(50, 40, 10));
        assertThat(OperationMix.parse(" update = 3 , INSERT=1"))
                .isEqualTo(new OperationMix(1, 3, 0));
    }

    @Test
    void rejectsWhatItCannotRead() {
        assertThatThrownBy(() -> OperationMix.parse("insert=50,upsert=5"))
                .hasMessageContaining("unknown operation 'upsert'");
        assertThatThrownBy(() -> OperationMix.parse("insert=half"))
                .hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> OperationMix.parse("insert")).hasMessageContaining("op=weight");
        assertThatThrownBy(() -> OperationMix.parse("insert=1,insert=2"))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> OperationMix.parse("insert=0,delete=0"))
                .hasMessageContaining("not all zero");
        assertThatThrownBy(() -> OperationMix.parse("delete=-1,insert=3"))
                .hasMessageContaining("non-negative");
    }

    @Test
    void picksInProportionToTheWeights() {
        OperationMix mix = new OperationMix(50, 40, 10);
        Map<Operation, Integer> counts = new EnumMap<>(Operation.class);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            counts.merge(mix.pick(random.nextDouble()), 1, Integer::sum);
        }
        assertThat(counts.get(Operation.INSERT)).isBetween(49_000, 51_000);
        assertThat(counts.get(Operation.UPDATE)).isBetween(39_000, 41_000);
        assertThat(counts.get(Operation.DELETE)).isBetween(9_400, 10_600);
        assertThat(new OperationMix(0, 1, 0).pick(0.999)).isEqualTo(Operation.UPDATE);
    }
}
