package io.cdclake.reader.query;

import io.cdclake.format.TableId;
import io.cdclake.reader.StoredFile;
import java.util.List;

/**
 * A table the lake holds and its committed Parquet part files.
 *
 * @param id the table, its names unescaped
 * @param files the committed part files, oldest first: by day folder, then by when each was written
 *     (the uuid in a part file's name orders nothing)
 * @param continuesUnnamed whether the table's history begins in the folder of the layout without
 *     sources ({@link LakeCatalog#tables} says when)
 */
public record LakeTable(TableId id, List<StoredFile> files, boolean continuesUnnamed) {

    public LakeTable {
        files = List.copyOf(files);
    }

    public LakeTable(TableId id, List<StoredFile> files) {
        this(id, files, false);
    }
}
