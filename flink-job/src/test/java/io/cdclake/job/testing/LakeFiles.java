package io.cdclake.job.testing;

import io.cdclake.format.TableMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/** Reads what the job committed to a lake, through Flink's file systems (so also from S3). */
public final class LakeFiles {

    /**
     * In the strict quote modes Commons CSV reads an empty unquoted field as null, a quoted one as
     * "".
     */
    private static final CSVFormat LAKE_CSV =
            CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL_NON_NULL).get();

    private LakeFiles() {}

    /**
     * Committed files below {@code root} whose names end with {@code suffix}; in-progress files are
     * hidden.
     */
    public static List<Path> committed(String root, String suffix) throws IOException {
        Path path = new Path(root);
        FileSystem fs = path.getFileSystem();
        List<Path> files = new ArrayList<>();
        if (fs.exists(path)) {
            collect(fs, path, suffix, files);
        }
        return files;
    }

    private static void collect(FileSystem fs, Path dir, String suffix, List<Path> out)
            throws IOException {
        FileStatus[] statuses = fs.listStatus(dir);
        if (statuses == null) {
            return;
        }
        for (FileStatus status : statuses) {
            String name = status.getPath().getName();
            if (status.isDir()) {
                collect(fs, status.getPath(), suffix, out);
            } else if (!name.startsWith(".") && !name.startsWith("_") && name.endsWith(suffix)) {
                out.add(status.getPath());
            }
        }
    }

    public static byte[] read(Path file) throws IOException {
        try (InputStream in = file.getFileSystem().open(file)) {
            return in.readAllBytes();
        }
    }

    /** A Parquet file with its schema, and its records as column name to value maps. */
    public record ParquetContent(MessageType schema, List<Map<String, Object>> rows) {}

    public static ParquetContent readParquet(Path file) throws IOException {
        java.nio.file.Path local = Files.createTempFile("lake", ".parquet");
        try {
            try (InputStream in = file.getFileSystem().open(file)) {
                Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
            }
            return readParquet(local);
        } finally {
            Files.deleteIfExists(local);
        }
    }

    /** The table metadata in a Parquet part file's key-value metadata, if it has any. */
    public static Optional<TableMetadata> tableMetadata(java.nio.file.Path local)
            throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(local))) {
            return TableMetadata.of(reader.getFooter().getFileMetaData().getKeyValueMetaData());
        }
    }

    /** The table metadata of a Parquet part file on any Flink file system. */
    public static Optional<TableMetadata> tableMetadata(Path file) throws IOException {
        java.nio.file.Path local = Files.createTempFile("lake", ".parquet");
        try {
            try (InputStream in = file.getFileSystem().open(file)) {
                Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
            }
            return tableMetadata(local);
        } finally {
            Files.deleteIfExists(local);
        }
    }

    public static ParquetContent readParquet(java.nio.file.Path local) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        MessageType schema;
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(local))) {
            schema = reader.getFooter().getFileMetaData().getSchema();
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
                RecordReader<Group> records =
                        io.getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    rows.add(toMap(records.read(), schema));
                }
            }
        }
        return new ParquetContent(schema, rows);
    }

    private static Map<String, Object> toMap(Group group, MessageType schema) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < schema.getFieldCount(); i++) {
            String name = schema.getFieldName(i);
            if (group.getFieldRepetitionCount(i) == 0) {
                row.put(name, null);
            } else if (!schema.getType(i).isPrimitive()) {
                row.put(name, group.getGroup(i, 0).toString());
            } else {
                row.put(name, group.getValueToString(i, 0));
            }
        }
        return row;
    }

    /** Every record of the committed Parquet files below {@code root}. */
    public static List<Map<String, Object>> parquetRows(String root) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Path file : committed(root, ".parquet")) {
            rows.addAll(readParquet(file).rows());
        }
        return rows;
    }

    /** Rows a Parquet file's footer counts, without reading the rows. */
    public static long parquetRowCount(Path file) throws IOException {
        java.nio.file.Path local = Files.createTempFile("lake", ".parquet");
        try {
            try (InputStream in = file.getFileSystem().open(file)) {
                Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
            }
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(local))) {
                return reader.getRecordCount();
            }
        } finally {
            Files.deleteIfExists(local);
        }
    }

    /**
     * Every data line of the committed CSV files below {@code root}, keyed by its file's header.
     */
    public static List<Map<String, Object>> csvRows(String root) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Path file : committed(root, ".csv")) {
            rows.addAll(csvFileRows(file));
        }
        return rows;
    }

    /** Every data line of one CSV file, keyed by its header; a torn line fails. */
    public static List<Map<String, Object>> csvFileRows(Path file) throws IOException {
        List<List<String>> lines = readCsv(file);
        List<String> header = lines.get(0);
        List<Map<String, Object>> rows = new ArrayList<>(lines.size() - 1);
        for (int n = 1; n < lines.size(); n++) {
            List<String> line = lines.get(n);
            if (line.size() != header.size()) {
                // A torn line: part of a row glued to the next one.
                throw new AssertionError(
                        file
                                + " record "
                                + (n + 1)
                                + " has "
                                + line.size()
                                + " fields, the header "
                                + header.size()
                                + ": "
                                + line);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), line.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * A CSV file's records, header first, read with Apache Commons CSV (RFC 4180). An empty
     * unquoted field is NULL and {@code ""} the empty string, as the job writes them.
     */
    public static List<List<String>> readCsv(Path file) throws IOException {
        try (CSVParser parser =
                LAKE_CSV.parse(new StringReader(new String(read(file), StandardCharsets.UTF_8)))) {
            List<List<String>> records = new ArrayList<>();
            for (CSVRecord record : parser) {
                records.add(Arrays.asList(record.values()));
            }
            return records;
        }
    }
}
