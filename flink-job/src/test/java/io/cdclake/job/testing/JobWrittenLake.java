package io.cdclake.job.testing;

import io.cdclake.format.LakePaths;
import io.cdclake.format.PathNames;
import io.cdclake.job.decode.DebeziumDecoder;
import io.cdclake.job.decode.LakeRow;
import io.cdclake.job.options.LakeOptions.ParquetCompression;
import io.cdclake.job.options.LakeOptions.UpdateMode;
import io.cdclake.job.sink.csv.LakeCsvWriterFactory;
import io.cdclake.job.sink.parquet.LakeParquetWriterFactory;
import io.cdclake.job.source.KafkaChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;

/**
 * A lake on the local file system written the way the job writes it: Debezium events decoded by the
 * job's {@link DebeziumDecoder}, rows written by its {@link LakeParquetWriterFactory} into {@code
 * parquet/<schema>.<table>/dt=<commit day>/part-<uuid>-<n>.parquet} and by its {@link
 * LakeCsvWriterFactory} into {@code csv/<schema>.<table>/dt=<commit day>/part-<uuid>-<n>.csv}, one
 * file per format, day and schema version of each {@link #write} call.
 */
public final class JobWrittenLake {

    private final Path dir;
    private final DebeziumDecoder decoder =
            new DebeziumDecoder("__debezium_unavailable_value", UpdateMode.BEFORE_AND_AFTER);
    private final LakeParquetWriterFactory writers =
            new LakeParquetWriterFactory(ParquetCompression.SNAPPY, 1 << 20);
    private final LakeCsvWriterFactory csvWriters = new LakeCsvWriterFactory(',');
    private final String uuid = UUID.randomUUID().toString();
    private int partCounter;

    public JobWrittenLake(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** The lake root URI, {@code file:///...} without a trailing slash. */
    public String root() {
        return dir.toUri().toString().replaceAll("/+$", "");
    }

    public Path dir() {
        return dir;
    }

    /**
     * Writes the events' rows as new committed part files of both formats; returns the Parquet
     * files.
     */
    public List<Path> write(List<KafkaChange> events) throws Exception {
        return writeRows(decode(events));
    }

    /** The rows the job's decoder makes of the events, to be edited before {@link #writeRows}. */
    public List<LakeRow> decode(List<KafkaChange> events) throws Exception {
        List<LakeRow> rows = new ArrayList<>();
        for (KafkaChange event : events) {
            decoder.decode(event, rows::add);
        }
        return rows;
    }

    /** Writes rows as new committed part files of both formats; returns the Parquet files. */
    public List<Path> writeRows(List<LakeRow> rows) throws Exception {
        Map<String, List<LakeRow>> byFile = new LinkedHashMap<>();
        for (LakeRow row : rows) {
            byFile.computeIfAbsent(
                            LakePaths.tableFolder(row.table())
                                    + "/dt="
                                    + PathNames.utcDay(row.commitTimeMs())
                                    + "#"
                                    + row.schema().fingerprint(),
                            k -> new ArrayList<>())
                    .add(row);
        }
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, List<LakeRow>> entry : byFile.entrySet()) {
            String bucket = entry.getKey().substring(0, entry.getKey().indexOf('#'));
            String part = "part-" + uuid + "-" + partCounter++;
            Path file = dir.resolve("parquet").resolve(bucket).resolve(part + ".parquet");
            writeFile(file, writers, entry.getValue());
            writeFile(
                    dir.resolve("csv").resolve(bucket).resolve(part + ".csv"),
                    csvWriters,
                    entry.getValue());
            files.add(file);
        }
        return files;
    }

    private static void writeFile(
            Path file, BulkWriter.Factory<LakeRow> factory, List<LakeRow> rows) throws IOException {
        Files.createDirectories(file.getParent());
        org.apache.flink.core.fs.Path target = new org.apache.flink.core.fs.Path(file.toUri());
        try (FSDataOutputStream out =
                FileSystem.getLocalFileSystem().create(target, FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<LakeRow> writer = factory.create(out);
            for (LakeRow row : rows) {
                writer.addElement(row);
            }
            writer.flush();
            writer.finish();
        }
    }

    /** The CSV part file written next to a Parquet part file. */
    public Path csvOf(Path parquetFile) {
        Path relative = dir.resolve("parquet").relativize(parquetFile);
        String name = relative.getFileName().toString().replaceAll("\\.parquet$", ".csv");
        return dir.resolve("csv").resolve(relative).resolveSibling(name);
    }

    /** Rewrites a file's text, as a damaged or hand-edited file would be. */
    public static void edit(Path file, java.util.function.UnaryOperator<String> change)
            throws IOException {
        Files.writeString(file, change.apply(Files.readString(file)));
    }

    /** Runs each statement on its own, so that none shares a transaction with the next. */
    public static void sql(java.sql.Connection c, String... statements)
            throws java.sql.SQLException {
        try (java.sql.Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    /**
     * Writes in-progress files of both formats as the file sink leaves them before a checkpoint:
     * hidden, to be skipped; returns the Parquet one.
     */
    public Path writeInProgress(List<KafkaChange> events) throws Exception {
        Path file = write(events).get(0);
        hide(csvOf(file));
        return hide(file);
    }

    private static Path hide(Path file) throws IOException {
        return Files.move(
                file,
                file.resolveSibling("." + file.getFileName() + ".inprogress." + UUID.randomUUID()));
    }
}
