package io.cdclake.job.bench;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decoder alone on one thread, several trials in one JVM, for measuring a change of the decoder
 * by itself: {@code ./mvnw -pl flink-job -am test -Dtest=DecoderBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}. {@code -Dbench.trials} (default 7) sets the trials,
 * {@code -Dbench.events} (default 1,000,000) the events decoded in each.
 */
class DecoderBenchmark {

    @Test
    void measure() throws Exception {
        int trials = Integer.getInteger("bench.trials", 7);
        int events = Integer.getInteger("bench.events", 1_000_000);
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            rates.add(JobThroughputBenchmark.decodeRate(events));
        }
        List<Double> sorted = new ArrayList<>(rates);
        sorted.sort(null);
        System.out.println(
                "BENCHMARK decoder events/s, one thread: median "
                        + sorted.get(sorted.size() / 2)
                        + ", trials "
                        + rates);
    }
}
