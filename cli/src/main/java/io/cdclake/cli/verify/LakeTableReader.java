package io.cdclake.cli.verify;

import io.cdclake.format.MetadataColumns;
import io.cdclake.format.TableId;
import io.cdclake.format.LakePaths;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads the committed Parquet files of one lake table, {@code
 * <lakeRoot>/parquet/<schema>.<table>/dt=* /part-*.parquet}, through Flink's file systems: {@code
 * file://} always, {@code s3://} once Flink's S3 plugin is initialized (for example by {@code
 * FlinkFileSystems.initializeWithS3}). Files whose names start with {@code .} or {@code _} (in
 * progress, markers) are not committed and are skipped.
 *
 * <p>Files on a remote file system are copied to a local temporary file to be read. All rows are
 * held in memory; the verification this serves needs them all anyway.
 */
public final class LakeTableReader {

    private static final List<String> OPS = List.of("r", "c", "u", "d", "t");

    private final String lakeRoot;
    private final TableId table;
    private java.nio.file.Path tempDir;
    /** Rows per op of each file already counted: committed part files never change. */
    private final Map<String, Map<String, Long>> opCountsByFile = new HashMap<>();

    /**
     * @param lakeRoot the lake's root URI, as the job's {@code JobConfig.lakeRoot()}: {@code
     *     s3://bucket[/base-path]} or {@code file:///path}
     */
    public LakeTableReader(String lakeRoot, TableId table) {
        this.lakeRoot = lakeRoot.replaceAll("/+$", "");
        this.table = table;
    }

    /** Where remote files are copied to be read; the default temporary directory otherwise. */
    public LakeTableReader withTempDir(java.nio.file.Path dir) {
        this.tempDir = dir;
        return this;
    }

    public TableId table() {
        return table;
    }

    /** {@code <lakeRoot>/parquet/<schema>.<table>}, with the job's escaping of the names. */
    public String tableRoot() {
        return lakeRoot + "/parquet/" + LakePaths.tableFolder(table);
    }

    /** The table's committed part files, sorted by path; none when the table has no folder yet. */
    public List<Path> files() throws IOException {
        return partFiles().committed();
    }

    /** The table's committed and in-progress Parquet part files. */
    PartFiles partFiles() throws IOException {
        return PartFiles.list(tableRoot(), ".parquet");
    }

    /** A committed Parquet file: its schema (the table version it holds) and its rows. */
    record ParquetPart(String file, MessageType schema, List<LakeRecord> rows) {}

    /** Every row of every committed file, file by file in path order, rows in file order. */
    public List<LakeRecord> read() throws IOException {
        List<LakeRecord> rows = new ArrayList<>();
        for (ParquetPart part : readParts(files())) {
            rows.addAll(part.rows());
        }
        return rows;
    }

    /** The schema and rows of each of {@code files}, in the given order. */
    List<ParquetPart> readParts(List<Path> files) throws IOException {
        List<ParquetPart> parts = new ArrayList<>(files.size());
        for (Path file : files) {
            parts.add(readPart(file, null));
        }
        return parts;
    }

    /**
     * Rows per {@code _op} in the committed files: {@code r}, {@code c}, {@code u}, {@code d}, {@code
     * t} always (zero when absent), then any other value. Reads only the {@code _op} column, and
     * each file once per reader: call it repeatedly on the same reader to follow a growing lake.
     */
    public Map<String, Long> rowsByOp() throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        OPS.forEach(op -> counts.put(op, 0L));
        for (Path file : files()) {
            Map<String, Long> fileCounts = opCountsByFile.get(file.toString());
            if (fileCounts == null) {
                fileCounts = new HashMap<>();
                for (LakeRecord row : readFile(file, MetadataColumns.OP)) {
                    fileCounts.merge(String.valueOf(row.op()), 1L, Long::sum);
                }
                opCountsByFile.put(file.toString(), fileCounts);
            }
            fileCounts.forEach((op, n) -> counts.merge(op, n, Long::sum));
        }
        return counts;
    }

    /** The rows of one part file; with {@code onlyColumn}, only that column is read. */
    List<LakeRecord> readFile(Path file, String onlyColumn) throws IOException {
        return readPart(file, onlyColumn).rows();
    }

    private ParquetPart readPart(Path file, String onlyColumn) throws IOException {
        FileSystem fs = file.getFileSystem();
        String scheme = file.toUri().getScheme();
        if ("file".equals(scheme) || scheme == null && !fs.isDistributedFS()) {
            return readLocal(Paths.get(file.toUri().getPath()), file.toString(), onlyColumn);
        }
        java.nio.file.Path local = tempDir == null
                ? Files.createTempFile("cdc-lake-verify", ".parquet")
                : Files.createTempFile(Files.createDirectories(tempDir), "cdc-lake-verify", ".parquet");
        try {
            try (InputStream in = fs.open(file)) {
                Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
            }
            return readLocal(local, file.toString(), onlyColumn);
        } finally {
            Files.deleteIfExists(local);
        }
    }

    /** The rows of a local Parquet file, named {@code name} in the records. */
    static ParquetPart readLocal(java.nio.file.Path local, String name, String onlyColumn) throws IOException {
        List<LakeRecord> rows = new ArrayList<>();
        MessageType schema;
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(local))) {
            schema = reader.getFooter().getFileMetaData().getSchema();
            if (onlyColumn != null) {
                if (!schema.containsField(onlyColumn)) {
                    return new ParquetPart(name, schema, rows);
                }
                schema = new MessageType(schema.getName(), schema.getType(onlyColumn));
                reader.setRequestedSchema(schema);
            }
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    rows.add(new LakeRecord(name, toMap(records.read(), schema)));
                }
            }
        } catch (RuntimeException e) {
            throw new IOException("cannot read Parquet file " + name + ": " + e.getMessage(), e);
        }
        return new ParquetPart(name, schema, rows);
    }

    private static Map<String, Object> toMap(Group group, GroupType schema) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < schema.getFieldCount(); i++) {
            Type type = schema.getType(i);
            row.put(type.getName(), group.getFieldRepetitionCount(i) == 0 ? null : value(group, i, type, 0));
        }
        return row;
    }

    /** The value at {@code index} of field {@code field} of {@code group}, by the field's logical type. */
    static Object value(Group group, int field, Type type, int index) {
        if (!type.isPrimitive()) {
            Group nested = group.getGroup(field, index);
            GroupType groupType = type.asGroupType();
            if (groupType.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
                return list(nested, groupType);
            }
            return toMap(nested, groupType);
        }
        PrimitiveType primitive = type.asPrimitiveType();
        LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
        switch (primitive.getPrimitiveTypeName()) {
            case BOOLEAN:
                return group.getBoolean(field, index);
            case INT32: {
                int v = group.getInteger(field, index);
                if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
                    return BigDecimal.valueOf(v, decimal.getScale());
                }
                if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return LocalDate.ofEpochDay(v);
                }
                if (logical instanceof TimeLogicalTypeAnnotation) {
                    return CanonicalValues.timeOfMicros(v * 1000L);
                }
                return v;
            }
            case INT64: {
                long v = group.getLong(field, index);
                if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
                    return BigDecimal.valueOf(v, decimal.getScale());
                }
                if (logical instanceof TimeLogicalTypeAnnotation time) {
                    return CanonicalValues.timeOfMicros(time.getUnit() == TimeUnit.NANOS ? v / 1000 : time.getUnit() == TimeUnit.MILLIS ? v * 1000 : v);
                }
                if (logical instanceof TimestampLogicalTypeAnnotation timestamp) {
                    Instant instant = instant(v, timestamp.getUnit());
                    return timestamp.isAdjustedToUTC() ? instant : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
                }
                return v;
            }
            case FLOAT:
                return group.getFloat(field, index);
            case DOUBLE:
                return group.getDouble(field, index);
            case BINARY:
            case FIXED_LEN_BYTE_ARRAY: {
                byte[] bytes = group.getBinary(field, index).getBytes();
                if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
                    return new BigDecimal(new BigInteger(bytes), decimal.getScale());
                }
                if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                }
                return bytes;
            }
            case INT96:
            default:
                return group.getInt96(field, index).getBytes();
        }
    }

    /** A LIST: the standard three levels (list of repeated group of element), or the legacy two. */
    private static List<Object> list(Group list, GroupType listType) {
        List<Object> values = new ArrayList<>();
        Type repeated = listType.getType(0);
        int count = list.getFieldRepetitionCount(0);
        for (int i = 0; i < count; i++) {
            if (!repeated.isPrimitive() && repeated.asGroupType().getFieldCount() == 1) {
                Group item = list.getGroup(0, i);
                Type element = repeated.asGroupType().getType(0);
                values.add(item.getFieldRepetitionCount(0) == 0 ? null : value(item, 0, element, 0));
            } else {
                values.add(value(list, 0, repeated, i));
            }
        }
        return values;
    }

    private static Instant instant(long value, TimeUnit unit) {
        switch (unit) {
            case MILLIS:
                return Instant.ofEpochMilli(value);
            case NANOS:
                return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
            case MICROS:
            default:
                return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1000);
        }
    }
}
