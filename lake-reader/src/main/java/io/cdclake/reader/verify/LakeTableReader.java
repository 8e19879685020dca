package io.cdclake.reader.verify;

import io.cdclake.format.LakePaths;
import io.cdclake.format.MetadataColumns;
import io.cdclake.format.ParquetEncoding;
import io.cdclake.format.TableId;
import io.cdclake.reader.LakeStore;
import io.cdclake.reader.LocalLakeStore;
import io.cdclake.reader.StoredFile;
import io.cdclake.reader.query.LakeCatalog;
import io.cdclake.reader.query.LakeTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * Reads the committed Parquet files of one lake table, {@code
 * <lakeRoot>/parquet/<source>/<schema>.<table>/dt=* /part-*.parquet}, from a {@link LakeStore}: a
 * local folder, or S3 through a local cache of the files. Values are the lake format's canonical
 * values ({@link ParquetEncoding#read}). All rows are held in memory; the verification this serves
 * needs them all anyway.
 */
public final class LakeTableReader {

    private static final List<String> OPS = List.of("r", "c", "u", "d", "t");

    private final LakeStore store;
    private final String lakeRoot;
    private TableId table;
    private List<String> folders;

    /** Whether the table and its folders are still to be looked up in the lake's catalog. */
    private boolean unresolved;

    /** Rows per op of each file already counted: committed part files never change. */
    private final Map<String, Map<String, Long>> opCountsByFile = new HashMap<>();

    /**
     * @param store where the lake's files are; the reader does not close it
     * @param lakeRoot the lake's root URI, as the job's {@code JobConfig.lakeRoot()}: {@code
     *     s3://bucket[/base-path]} or {@code file:///path}
     * @param table the table; without its source, the one source holding a table of that schema and
     *     name once the lake has one ({@link LakeCatalog#resolve})
     */
    public LakeTableReader(LakeStore store, String lakeRoot, TableId table) {
        this(
                store,
                lakeRoot,
                table,
                List.of(LakePaths.tableRoot(lakeRoot, LakePaths.Format.PARQUET, table)));
        this.unresolved = true;
    }

    /** A reader of the table's Parquet files in {@code folders}, oldest first. */
    LakeTableReader(LakeStore store, String lakeRoot, TableId table, List<String> folders) {
        this.store = store;
        this.lakeRoot = lakeRoot.replaceAll("/+$", "");
        this.table = table;
        this.folders = List.copyOf(folders);
    }

    /** A reader of a lake in a local folder. */
    public LakeTableReader(String lakeRoot, TableId table) {
        this(new LocalLakeStore(), lakeRoot, table);
        if (LakeStore.isS3(lakeRoot)) {
            throw new IllegalArgumentException(
                    "a lake in S3 is read through an S3 store: " + lakeRoot);
        }
    }

    public TableId table() {
        return table;
    }

    /**
     * Finds the table's source and folders in the lake's catalog, until the lake holds the table.
     */
    private void resolve() throws IOException {
        if (!unresolved) {
            return;
        }
        List<LakeTable> tables = LakeCatalog.tables(store, lakeRoot);
        TableId found = LakeCatalog.resolve(tables, table);
        if (tables.stream().anyMatch(t -> t.id().equals(found))) {
            table = found;
            folders = LakeCatalog.folders(tables, lakeRoot, LakePaths.Format.PARQUET, found);
            unresolved = false;
        }
    }

    /**
     * {@code <lakeRoot>/parquet/<source>/<schema>.<table>}, with the job's escaping of the names.
     */
    public String tableRoot() {
        return LakePaths.tableRoot(lakeRoot, LakePaths.Format.PARQUET, table);
    }

    /** The table's committed part files, sorted by path; none when the table has no folder yet. */
    public List<StoredFile> files() throws IOException {
        return partFiles().committed();
    }

    /** The table's committed and in-progress Parquet part files. */
    PartFiles partFiles() throws IOException {
        resolve();
        return PartFiles.list(store, folders, LakePaths.Format.PARQUET);
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
    List<ParquetPart> readParts(List<StoredFile> files) throws IOException {
        List<ParquetPart> parts = new ArrayList<>(files.size());
        for (StoredFile file : files) {
            parts.add(readPart(file, null));
        }
        return parts;
    }

    /**
     * Rows per {@code _op} in the committed files: {@code r}, {@code c}, {@code u}, {@code d},
     * {@code t} always (zero when absent), then any other value. Reads only the {@code _op} column,
     * and each file once per reader: call it repeatedly on the same reader to follow a growing
     * lake.
     */
    public Map<String, Long> rowsByOp() throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        OPS.forEach(op -> counts.put(op, 0L));
        for (StoredFile file : files()) {
            Map<String, Long> fileCounts = opCountsByFile.get(file.path());
            if (fileCounts == null) {
                fileCounts = new HashMap<>();
                for (LakeRecord row : readFile(file, MetadataColumns.OP)) {
                    fileCounts.merge(String.valueOf(row.op()), 1L, Long::sum);
                }
                opCountsByFile.put(file.path(), fileCounts);
            }
            fileCounts.forEach((op, n) -> counts.merge(op, n, Long::sum));
        }
        return counts;
    }

    /** The rows of one part file; with {@code onlyColumn}, only that column is read. */
    List<LakeRecord> readFile(StoredFile file, String onlyColumn) throws IOException {
        return readPart(file, onlyColumn).rows();
    }

    private ParquetPart readPart(StoredFile file, String onlyColumn) throws IOException {
        return readLocal(store.local(file), file.path(), onlyColumn);
    }

    /** The rows of a local Parquet file, named {@code name} in the records. */
    static ParquetPart readLocal(Path local, String name, String onlyColumn) throws IOException {
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
                RecordReader<Group> records =
                        io.getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    rows.add(new LakeRecord(name, ParquetEncoding.read(records.read(), schema)));
                }
            }
        } catch (RuntimeException e) {
            throw new IOException("cannot read Parquet file " + name + ": " + e.getMessage(), e);
        }
        return new ParquetPart(name, schema, rows);
    }
}
