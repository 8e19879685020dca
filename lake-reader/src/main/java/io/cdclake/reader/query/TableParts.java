package io.cdclake.reader.query;

import io.cdclake.format.TableId;
import io.cdclake.format.TableMetadata;
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
     * The key columns the newest file's metadata records (files ordered by age as the replay orders
     * them); empty (a row is identified by all its columns) when no file records any, as in files
     * written before the job recorded metadata. The newest, because a key can change with the
     * table.
     */
    public List<String> keyColumns() {
        List<PartFile> byAge = ReplaySql.byAge(files);
        for (int i = byAge.size() - 1; i >= 0; i--) {
            var metadata = byAge.get(i).metadata();
            if (metadata.isPresent()) {
                return metadata.map(TableMetadata::keyColumns).orElseThrow();
            }
        }
        return List.of();
    }
}
