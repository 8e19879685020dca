package io.cdclake.job.sink.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdclake.format.LakeColumn;
import io.cdclake.format.LakeType;
import io.cdclake.format.LakeType.Kind;
import io.cdclake.format.TableId;
import io.cdclake.job.decode.LakeRow;
import io.cdclake.job.decode.TableSchema;
import io.cdclake.job.decode.TestSchemas;
import io.cdclake.job.options.LakeOptions.ParquetCompression;
import io.cdclake.job.sink.csv.LakeCsvWriterFactory;
import io.cdclake.job.sink.parquet.LakeParquetWriterFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.table.data.StringData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffThreadWritersTest {

    private static final TableSchema SCHEMA =
            TestSchemas.schema(
                    "postgres.public.items.Value",
                    new LakeColumn("id", LakeType.of(Kind.INT)),
                    new LakeColumn("name", LakeType.of(Kind.STRING)),
                    new LakeColumn("price", LakeType.of(Kind.DOUBLE)));

    private static List<LakeRow> rows(int count) {
        List<LakeRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(
                    TestSchemas.row(
                            new TableId("public", "items"),
                            SCHEMA,
                            i,
                            i,
                            StringData.fromString("item \"" + i % 97 + "\", a line\n"),
                            i / 7.0));
        }
        return rows;
    }

    /**
     * Byte for byte the file the format's writer writes alone, over many batches and a part file
     * that does not start at position 0 (Parquet records the offsets of its pages).
     */
    @Test
    void writesTheSameBytesAsTheFormatsWriterAlone(@TempDir Path dir) throws Exception {
        List<LakeRow> rows = rows(10 * OffThreadWriter.BATCH_ROWS + 17);
        List<BulkWriter.Factory<LakeRow>> formats =
                List.of(
                        new LakeParquetWriterFactory(ParquetCompression.SNAPPY, 64 * 1024),
                        new LakeCsvWriterFactory(','));
        for (BulkWriter.Factory<LakeRow> format : formats) {
            Path alone = write(dir.resolve("alone"), format, rows);
            Path offThread =
                    write(dir.resolve("off-thread"), new OffThreadWriters<>(format, "TEST"), rows);
            assertThat(Files.readAllBytes(offThread)).isEqualTo(Files.readAllBytes(alone));
        }
    }

    private static Path write(Path file, BulkWriter.Factory<LakeRow> format, List<LakeRow> rows)
            throws Exception {
        org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(file.toUri());
        try (FSDataOutputStream out =
                path.getFileSystem().create(path, FileSystem.WriteMode.OVERWRITE)) {
            out.write("PAD5\n".getBytes(StandardCharsets.UTF_8));
            BulkWriter<LakeRow> writer = format.create(out);
            for (LakeRow row : rows) {
                writer.addElement(row);
            }
            writer.flush();
            writer.finish();
        }
        return file;
    }

    @Test
    void encodesOnAThreadOfItsOwnInOrder(@TempDir Path dir) throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        BulkWriter.Factory<String> lines = out -> new Lines(out, written, threads, -1, null);
        BulkWriter<String> writer = new OffThreadWriters<>(lines, "TEST").create(stream(dir));
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 3 * OffThreadWriter.BATCH_ROWS + 1; i++) {
            sent.add("row " + i);
            writer.addElement("row " + i);
        }
        writer.finish();
        assertThat(written).isEqualTo(sent);
        assertThat(threads).singleElement().asString().startsWith("TEST encoder");
    }

    @Test
    void aFailedBatchFailsTheNextCallAndNothingIsWrittenAfterIt(@TempDir Path dir)
            throws Exception {
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        int failAt = OffThreadWriter.BATCH_ROWS + 3;
        BulkWriter.Factory<String> lines =
                out -> new Lines(out, written, ConcurrentHashMap.newKeySet(), failAt, null);
        BulkWriter<String> writer = new OffThreadWriters<>(lines, "TEST").create(stream(dir));
        assertThatThrownBy(
                        () -> {
                            for (int i = 0; i < 8 * OffThreadWriter.BATCH_ROWS; i++) {
                                writer.addElement("row " + i);
                            }
                            writer.finish();
                        })
                .isInstanceOf(IOException.class)
                .hasMessageContaining("disk full at row " + failAt);
        assertThat(written).hasSize(failAt);
    }

    /** A slow encoder holds the caller back: at most a few batches wait, memory stays bounded. */
    @Test
    void theCallerWaitsWhenBatchesPileUp(@TempDir Path dir) throws Exception {
        CountDownLatch encoderMayGo = new CountDownLatch(1);
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        BulkWriter.Factory<String> lines =
                out -> new Lines(out, written, ConcurrentHashMap.newKeySet(), -1, encoderMayGo);
        BulkWriter<String> writer = new OffThreadWriters<>(lines, "TEST").create(stream(dir));
        AtomicInteger handedOver = new AtomicInteger();
        int total = 20 * OffThreadWriter.BATCH_ROWS;
        Thread caller =
                new Thread(
                        () -> {
                            try {
                                for (int i = 0; i < total; i++) {
                                    writer.addElement("row " + i);
                                    handedOver.incrementAndGet();
                                }
                                writer.finish();
                            } catch (IOException e) {
                                throw new RuntimeException(e);
                            }
                        });
        caller.start();
        while (caller.getState() != Thread.State.WAITING) {
            Thread.sleep(5);
        }
        assertThat(handedOver.get())
                .isEqualTo(
                        (OffThreadWriter.MAX_BATCHES_IN_FLIGHT + 1) * OffThreadWriter.BATCH_ROWS
                                - 1);
        encoderMayGo.countDown();
        caller.join();
        assertThat(written).hasSize(total);
    }

    private static FSDataOutputStream stream(Path dir) throws IOException {
        org.apache.flink.core.fs.Path path =
                new org.apache.flink.core.fs.Path(dir.resolve("part").toUri());
        return path.getFileSystem().create(path, FileSystem.WriteMode.OVERWRITE);
    }

    /** Writes each element as a line, noting it and its thread; may fail or wait at the start. */
    private static final class Lines implements BulkWriter<String> {
        private final FSDataOutputStream out;
        private final List<String> written;
        private final Set<String> threads;
        private final int failAt;
        private final CountDownLatch start;

        Lines(
                FSDataOutputStream out,
                List<String> written,
                Set<String> threads,
                int failAt,
                CountDownLatch start) {
            this.out = out;
            this.written = written;
            this.threads = threads;
            this.failAt = failAt;
            this.start = start;
        }

        @Override
        public void addElement(String element) throws IOException {
            if (start != null) {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            if (written.size() == failAt) {
                throw new IOException("disk full at row " + failAt);
            }
            threads.add(Thread.currentThread().getName());
            out.write((element + "\n").getBytes(StandardCharsets.UTF_8));
            written.add(element);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void finish() throws IOException {
            flush();
        }
    }
}
