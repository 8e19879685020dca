package io.cdclake.reader.query;

import io.cdclake.format.TableId;
import io.cdclake.reader.replay.PartFile;
import io.cdclake.reader.replay.ReplaySql;
import io.cdclake.reader.replay.StateBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table's part files as one engine reads them: each with the path that engine opens, its columns
 * and its table metadata; with the table's compacted state, the part files the state does not
 * cover.
 *
 * @param table the table
 * @param files as {@link LakeTable#files()}, or those a compacted state does not cover
 * @param base the compacted state the files continue, {@link StateBase#NONE} for none
 * @param stateKey the key the compacted state recorded; empty without one
 * @param withChanges whether the view of the table's changes is defined: only when {@code files}
 *     are all of them
 */
public record TableParts(
        TableId table,
        List<PartFile> files,
        StateBase base,
        List<String> stateKey,
        boolean withChanges) {

    public TableParts {
        files = List.copyOf(files);
        stateKey = List.copyOf(stateKey);
    }

    /** Every part file of the table, no compacted state. */
    public TableParts(TableId table, List<PartFile> files) {
        this(table, files, StateBase.NONE, List.of(), true);
    }

    /**
     * The key the newest file's table metadata records ({@link ReplaySql#keyColumns}), else the
     * compacted state's; empty (a row is identified by all its columns) when no file records one,
     * as in files written before the job recorded metadata, or when the recorded key names a column
     * no file has.
     */
    public List<String> keyColumns() {
        List<PartFile> all = new ArrayList<>(base.files());
        all.addAll(files);
        List<String> columns = ReplaySql.changeColumns(all);
        return ReplaySql.keyColumns(files)
                .or(() -> base.isNone() ? Optional.empty() : Optional.of(stateKey))
                .filter(columns::containsAll)
                .orElse(List.of());
    }
}
