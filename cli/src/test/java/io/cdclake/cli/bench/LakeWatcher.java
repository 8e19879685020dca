package io.cdclake.cli.bench;

import io.cdclake.format.MetadataColumns;
import io.cdclake.reader.StoredFile;
import io.cdclake.reader.verify.LakeTableReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Follows one lake table's committed Parquet files and reports each file once, stamped with the
 * wall-clock time of the listing that first showed it. Committed part files never change, so a file
 * seen is never read again.
 */
final class LakeWatcher {

    /**
     * A file first listed at {@code visibleAtMs}: the listing's end, so an upper bound of when it
     * appeared.
     */
    record NewFile(Path path, long visibleAtMs) {}

    /** The columns latency needs from one row; {@code key} is the table's primary key. */
    record ChangeRow(long key, String op, String image, long sourceTsMs, long tsMs, long lsn) {}

    private final LakeTableReader lister;
    private final String keyColumn;
    private final Set<String> seen = new HashSet<>();
    private long listings;
    private long listingNanos;

    LakeWatcher(LakeTableReader lister, String keyColumn) {
        this.lister = lister;
        this.keyColumn = keyColumn;
    }

    List<NewFile> poll() throws IOException {
        long started = System.nanoTime();
        List<StoredFile> files = lister.files();
        long visibleAt = System.currentTimeMillis();
        listingNanos += System.nanoTime() - started;
        listings++;
        List<NewFile> fresh = new ArrayList<>();
        for (StoredFile file : files) {
            if (seen.add(file.path())) {
                fresh.add(new NewFile(new Path(file.path()), visibleAt));
            }
        }
        return fresh;
    }

    double meanListingMillis() {
        return listings == 0 ? 0 : listingNanos / 1e6 / listings;
    }

    static long rowCount(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new FlinkInputFile(file))) {
            return reader.getRecordCount();
        }
    }

    /** The file's rows, reading only the key and the metadata columns latency needs. */
    List<ChangeRow> rows(Path file) throws IOException {
        List<ChangeRow> rows = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new FlinkInputFile(file))) {
            MessageType full = reader.getFooter().getFileMetaData().getSchema();
            List<Type> wanted = new ArrayList<>();
            for (String name :
                    List.of(
                            keyColumn,
                            MetadataColumns.OP,
                            MetadataColumns.IMAGE,
                            MetadataColumns.SOURCE_TS_MS,
                            MetadataColumns.TS_MS,
                            MetadataColumns.LSN)) {
                wanted.add(full.getType(name));
            }
            MessageType schema = new MessageType(full.getName(), wanted);
            reader.setRequestedSchema(schema);
            var io = new ColumnIOFactory().getColumnIO(schema);
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records =
                        io.getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    Group g = records.read();
                    rows.add(
                            new ChangeRow(
                                    number(g, 0),
                                    text(g, 1),
                                    text(g, 2),
                                    number(g, 3),
                                    number(g, 4),
                                    number(g, 5)));
                }
            }
        }
        return rows;
    }

    private static long number(Group group, int field) {
        if (group.getFieldRepetitionCount(field) == 0) {
            return Long.MIN_VALUE;
        }
        return switch (group.getType().getType(field).asPrimitiveType().getPrimitiveTypeName()) {
            case INT32 -> group.getInteger(field, 0);
            case INT64 -> group.getLong(field, 0);
            default ->
                    throw new IllegalStateException(
                            "not an integer column: " + group.getType().getType(field));
        };
    }

    private static String text(Group group, int field) {
        return group.getFieldRepetitionCount(field) == 0 ? null : group.getString(field, 0);
    }
}
