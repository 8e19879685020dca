package io.cdclake.job.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.job.decode.ChangePosition;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * What the replay filter's memory costs, measured, not a test of correctness and not part of the
 * test run: heap bytes per remembered streamed change and per snapshot read, the bytes each takes
 * in a checkpoint (Flink's own serializer of the state's POJO), and what a restore at parallelism 2
 * does to it (the state is a union: every subtask restores every partition's memory). Reproduce
 * with {@code ./mvnw -pl flink-job -am test -Dtest=ReplayFilterMemoryBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; {@code -Dbench.entries=N} changes the size.
 */
class ReplayFilterMemoryBenchmark {

    private static final String TOPIC = "postgres.public.customers";

    @Test
    void measure() throws Exception {
        int entries = Integer.getInteger("bench.entries", 1_000_000);
        TypeSerializer<PartitionMark> serializer =
                TypeInformation.of(PartitionMark.class)
                        .createSerializer(new SerializerConfigImpl());

        long before = usedHeap();
        ReplayFilter streamed = new ReplayFilter(entries, 0);
        for (int i = 0; i < entries; i++) {
            streamed.admit(TOPIC, 0, ChangePosition.streamed(1000 + i, 1000 + i, 'u', mix(i)));
        }
        long streamedHeap = usedHeap() - before;
        long streamedState = stateBytes(serializer, streamed.marks());
        assertThat(streamed.remembered()).isEqualTo(entries);
        streamed = null;

        before = usedHeap();
        ReplayFilter reads = new ReplayFilter(0, entries);
        for (int i = 0; i < entries; i++) {
            reads.admit(TOPIC, 0, ChangePosition.read(42, mix(i), i == 0));
        }
        long readsHeap = usedHeap() - before;
        long readsState = stateBytes(serializer, reads.marks());
        assertThat(reads.remembered()).isEqualTo(entries);
        reads = null;

        // Two partitions read by two subtasks, then a restore at parallelism 2: each subtask gets
        // both partitions' memories and keeps them.
        int half = entries / 2;
        ReplayFilter first = new ReplayFilter(half, 0);
        ReplayFilter second = new ReplayFilter(half, 0);
        for (int i = 0; i < half; i++) {
            first.admit(TOPIC, 0, ChangePosition.streamed(1000 + i, 1000 + i, 'u', mix(i)));
            second.admit(TOPIC, 1, ChangePosition.streamed(1000 + i, 1000 + i, 'u', mix(-i)));
        }
        List<PartitionMark> union = new ArrayList<>(first.marks());
        union.addAll(second.marks());
        long unionState = stateBytes(serializer, union);
        ReplayFilter restoredA = new ReplayFilter(half, 0);
        ReplayFilter restoredB = new ReplayFilter(half, 0);
        restoredA.restore(union);
        restoredB.restore(union);
        long afterRestoreState =
                stateBytes(serializer, restoredA.marks())
                        + stateBytes(serializer, restoredB.marks());
        assertThat(restoredA.remembered()).isEqualTo(2L * half);

        System.out.printf(
                "replay filter memory, %,d entries:%n"
                        + "  streamed change: %.1f bytes in the heap, %.1f bytes in a checkpoint%n"
                        + "  snapshot read:   %.1f bytes in the heap, %.1f bytes in a checkpoint%n"
                        + "  2 partitions x %,d changes at parallelism 2: checkpoint %,d bytes"
                        + " before a restore, %,d bytes after it (each subtask holds both)%n",
                entries,
                (double) streamedHeap / entries,
                (double) streamedState / entries,
                (double) readsHeap / entries,
                (double) readsState / entries,
                half,
                unionState,
                afterRestoreState);
    }

    /**
     * The memory of one partition's snapshot reads alone, up to {@code -Dbench.reads} (default
     * 10,000,000, the default of {@code dedup.snapshot-rows}), in the heap the test JVM has: run
     * with {@code -Dtest.heap=384m}, a TaskManager's task heap with Flink's default memory, to see
     * whether it fits there.
     */
    @Test
    void snapshotReadsAlone() throws Exception {
        int reads = Integer.getInteger("bench.reads", 10_000_000);
        long before = usedHeap();
        ReplayFilter filter = new ReplayFilter(0, reads);
        for (int i = 0; i < reads; i++) {
            filter.admit(TOPIC, 0, ChangePosition.read(42, mix(i), i == 0));
        }
        long heap = usedHeap() - before;
        assertThat(filter.remembered()).isEqualTo(reads);
        System.out.printf(
                "replay filter memory, %,d snapshot reads alone: %,d bytes in the heap (%.1f a"
                        + " read), max heap %,d bytes%n",
                reads, heap, (double) heap / reads, Runtime.getRuntime().maxMemory());
    }

    private static long mix(long i) {
        long h = i * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 31);
    }

    private static long stateBytes(
            TypeSerializer<PartitionMark> serializer, List<PartitionMark> marks) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(1 << 20);
        for (PartitionMark mark : marks) {
            serializer.serialize(mark, out);
        }
        return out.length();
    }

    private static long usedHeap() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
