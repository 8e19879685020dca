package io.cdclake.job.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.format.LakeColumn;
import io.cdclake.format.MetadataColumns;
import io.cdclake.job.decode.DebeziumDecoder;
import io.cdclake.job.decode.LakeRow;
import io.cdclake.job.options.LakeOptions.ParquetCompression;
import io.cdclake.job.options.LakeOptions.UpdateMode;
import io.cdclake.job.sink.csv.LakeCsvWriterFactory;
import io.cdclake.job.sink.parquet.LakeParquetWriterFactory;
import io.cdclake.job.source.KafkaChange;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Each format's writer alone on one thread, writing decoded rows of the throughput benchmark's
 * events into a stream that only counts bytes, several trials in one JVM: {@code ./mvnw -pl
 * flink-job -am test -Dtest=WriterBenchmark -Dsurefire.failIfNoSpecifiedTests=false}. {@code
 * -Dbench.trials} (default 7) and {@code -Dbench.rows} (default 1,000,000) set the trials and the
 * rows of each. Each writer's rows/s and the bytes it allocates a row (the benchmark's loop boxes
 * two longs a row, 32 bytes, of those), medians of the trials.
 */
class WriterBenchmark {

    @Test
    void measure() throws Exception {
        int trials = Integer.getInteger("bench.trials", 7);
        int rows = Integer.getInteger("bench.rows", 1_000_000);
        List<LakeRow> pool = rows();
        report(
                "Parquet",
                new LakeParquetWriterFactory(ParquetCompression.SNAPPY, 32 << 20),
                pool,
                trials,
                rows);
        report("CSV", new LakeCsvWriterFactory(','), pool, trials, rows);
    }

    private static void report(
            String format,
            BulkWriter.Factory<LakeRow> writers,
            List<LakeRow> pool,
            int trials,
            int rows)
            throws Exception {
        List<Double> rates = new ArrayList<>();
        List<Double> allocated = new ArrayList<>();
        for (int i = 0; i < trials + 1; i++) {
            long before = allocatedBytes();
            double rate = rate(writers, pool, rows);
            if (i > 0) { // the first trial warms up
                rates.add(rate);
                allocated.add(Math.round((allocatedBytes() - before) * 10.0 / rows) / 10.0);
            }
        }
        System.out.println(
                "BENCHMARK "
                        + format
                        + " writer rows/s, one thread: median "
                        + median(rates)
                        + ", trials "
                        + rates
                        + "; bytes allocated a row: median "
                        + median(allocated));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    /** What this thread has allocated so far: the garbage a writer leaves per row. */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static double rate(BulkWriter.Factory<LakeRow> writers, List<LakeRow> pool, int rows)
            throws Exception {
        CountingStream out = new CountingStream();
        long start = System.nanoTime();
        // A stream's offsets and log positions never repeat; the pool's would.
        int offset = field(pool.get(0), MetadataColumns.OFFSET);
        int lsn = field(pool.get(0), MetadataColumns.LSN);
        BulkWriter<LakeRow> writer = writers.create(out);
        for (int i = 0; i < rows; i++) {
            LakeRow row = pool.get(i % pool.size());
            row.row().setField(offset, (long) i);
            row.row().setField(lsn, 1_000_000_000L + 64L * i);
            writer.addElement(row);
        }
        writer.finish();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(out.getPos()).isPositive();
        return Math.round(rows / seconds * 10) / 10.0;
    }

    private static int field(LakeRow row, String name) {
        List<LakeColumn> columns = row.schema().columns();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("No column " + name + " in " + row.schema());
    }

    /** Rows of the throughput benchmark's 20,000 distinct events, one table version. */
    private static List<LakeRow> rows() throws Exception {
        DebeziumDecoder decoder =
                new DebeziumDecoder("__debezium_unavailable_value", UpdateMode.BEFORE_AND_AFTER);
        List<LakeRow> rows = new ArrayList<>();
        for (KafkaChange event : JobThroughputBenchmark.eventPool()) {
            decoder.decode(event, rows::add);
        }
        return rows;
    }

    /** Counts bytes and drops them. */
    private static final class CountingStream extends FSDataOutputStream {
        private long position;

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void write(int b) {
            position++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            position += len;
        }

        @Override
        public void flush() {}

        @Override
        public void sync() {}

        @Override
        public void close() {}
    }
}
