package io.cdclake.reader.replay;

import io.cdclake.format.LakeType;
import io.cdclake.format.MetadataColumns;
import io.cdclake.format.ParquetEncoding;
import io.cdclake.format.TableMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * One Parquet part file of a lake table, as the replay's SQL needs to know it before reading it.
 *
 * @param path the file as the engine should read it: a local path or a URI
 * @param columns the names of the file's columns, table and metadata columns, in file order
 * @param metadata the table metadata of the file's footer; empty for files written without it
 * @param types the lake type of each column (for typed literals of defaults); may be empty
 * @param firstLsn the smallest {@code _lsn} of the file's rows, from the footer's statistics; null
 *     when unknown. Orders files by age: a column's default is taken from the oldest file that has
 *     the column
 */
public record PartFile(
        String path,
        List<String> columns,
        Optional<TableMetadata> metadata,
        Map<String, LakeType> types,
        Long firstLsn) {

    public PartFile {
        columns = List.copyOf(columns);
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    }

    /** A file whose types and age are unknown. */
    public PartFile(String path, List<String> columns, Optional<TableMetadata> metadata) {
        this(path, columns, metadata, Map.of(), null);
    }

    /**
     * Reads the footer of a local copy of a part file.
     *
     * @param local the file on this machine
     * @param enginePath how the SQL engine should name the file
     */
    public static PartFile read(Path local, String enginePath) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(local))) {
            FileMetaData footer = reader.getFooter().getFileMetaData();
            MessageType schema = footer.getSchema();
            List<String> columns = new ArrayList<>();
            Map<String, LakeType> types = new LinkedHashMap<>();
            for (Type field : schema.getFields()) {
                columns.add(field.getName());
                try {
                    types.put(field.getName(), ParquetEncoding.lakeType(field));
                } catch (IllegalArgumentException e) {
                    // Not a lake type: the column's defaults cannot be typed, its values still
                    // read.
                }
            }
            Optional<TableMetadata> metadata;
            try {
                metadata = TableMetadata.of(footer.getKeyValueMetaData());
            } catch (IllegalArgumentException e) {
                throw new IOException(
                        "Parquet file " + enginePath + " has unreadable table metadata", e);
            }
            return new PartFile(
                    enginePath, columns, metadata, types, firstLsn(reader.getFooter().getBlocks()));
        } catch (RuntimeException e) {
            throw new IOException(
                    "cannot read the footer of Parquet file " + enginePath + ": " + e.getMessage(),
                    e);
        }
    }

    /** The smallest {@code _lsn} the row groups' statistics give, null without statistics. */
    private static Long firstLsn(List<BlockMetaData> blocks) {
        Long first = null;
        for (BlockMetaData block : blocks) {
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                if (chunk.getPath().size() != 1
                        || !chunk.getPath().toArray()[0].equals(MetadataColumns.LSN)) {
                    continue;
                }
                Statistics<?> statistics = chunk.getStatistics();
                if (statistics == null
                        || !statistics.hasNonNullValue()
                        || !(statistics.genericGetMin() instanceof Long min)) {
                    continue;
                }
                first = first == null ? min : Math.min(first, min);
            }
        }
        return first;
    }

    /**
     * Reads the footer of a file of a compacted state ({@link StateBase}): older than every part
     * file, whatever LSNs its rows hold, so that the columns and defaults of the changes written
     * after it prevail.
     */
    public static PartFile readState(Path local, String enginePath) throws IOException {
        PartFile file = read(local, enginePath);
        return new PartFile(
                file.path(), file.columns(), file.metadata(), file.types(), Long.MIN_VALUE);
    }

    /** Whether the file has the column. */
    public boolean has(String column) {
        return columns.contains(column);
    }
}
