package io.cdclake.reader.query;

import io.cdclake.format.LakePaths;
import io.cdclake.format.TableId;
import io.cdclake.reader.StoredFile;
import java.time.LocalDate;
import java.util.List;

/**
 * A table the lake holds and its committed Parquet part files.
 *
 * @param id the table, its names unescaped
 * @param files the committed part files, oldest first: by day folder, then by when each was written
 *     (the uuid in a part file's name orders nothing)
 * @param continuesUnnamed whether the table's history begins in the folder of the layout without
 *     sources ({@link LakeCatalog#tables} says when)
 * @param expiredBefore the UTC day before which its day folders were expired ({@link
 *     LakePaths#EXPIRED_PREFIX}); null when none were
 */
public record LakeTable(
        TableId id, List<StoredFile> files, boolean continuesUnnamed, LocalDate expiredBefore) {

    public LakeTable {
        files = List.copyOf(files);
    }

    public LakeTable(TableId id, List<StoredFile> files, boolean continuesUnnamed) {
        this(id, files, continuesUnnamed, null);
    }

    /**
     * Refuses to read the table from its part files alone when part of its history was expired.
     *
     * @param why why its part files would be read alone
     */
    public void requireWholeHistory(String why) throws java.io.IOException {
        if (expiredBefore != null) {
            throw new HistoryExpiredException(
                    "the changes of "
                            + id
                            + " before "
                            + expiredBefore
                            + " were expired (./cdc-lake expire), so its part files alone no"
                            + " longer give its rows, and "
                            + why);
        }
    }

    /** A reader needs the changes of a table that retention removed. */
    public static final class HistoryExpiredException extends java.io.IOException {
        private static final long serialVersionUID = 1L;

        HistoryExpiredException(String message) {
            super(message);
        }
    }

    public LakeTable(TableId id, List<StoredFile> files) {
        this(id, files, false);
    }
}
