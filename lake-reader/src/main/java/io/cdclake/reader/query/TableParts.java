package io.cdclake.reader.query;

import io.cdclake.format.TableId;
import io.cdclake.reader.replay.PartFile;
import io.cdclake.reader.replay.ReplaySql;
import java.util.List;

/**
 * A table's part files as one engine reads them: each with the path that engine opens, its columns
 * and its table metadata.
 *
 * @param table the table
 * @param files as {@link LakeTable#files()}
 */
public record TableParts(TableId table, List<PartFile> files) {

    public TableParts {
        files = List.copyOf(files);
    }

    /**
     * The key the newest file's table metadata records ({@link ReplaySql#keyColumns}); empty (a row
     * is identified by all its columns) when no file records one, as in files written before the
     * job recorded metadata, or when the recorded key names a column no file has.
     */
    public List<String> keyColumns() {
        List<String> columns = ReplaySql.changeColumns(files);
        return ReplaySql.keyColumns(files).filter(columns::containsAll).orElse(List.of());
    }
}
