package io.cdclake.reader.query;

import io.cdclake.reader.LakeStore;
import io.cdclake.reader.StoredFile;
import io.cdclake.reader.replay.PartFile;
import io.cdclake.reader.replay.SqlDialect;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the footers of a table's part files (columns and table metadata), from local copies: a
 * local lake's files themselves, an S3 lake's files downloaded once into the store's cache.
 */
public final class LakeParts {

    /** Which path the engine is given for a file. */
    public enum Paths {
        /** The local copy, for the embedded engine. */
        LOCAL_COPY,
        /** The file in the lake (S3 or a local folder), for a user's own engine. */
        LAKE
    }

    private final LakeStore store;

    public LakeParts(LakeStore store) {
        this.store = store;
    }

    public List<TableParts> read(List<LakeTable> tables, SqlDialect dialect, Paths paths)
            throws IOException {
        List<TableParts> parts = new ArrayList<>();
        for (LakeTable table : tables) {
            parts.add(read(table, dialect, paths));
        }
        return parts;
    }

    public TableParts read(LakeTable table, SqlDialect dialect, Paths paths) throws IOException {
        List<PartFile> files = new ArrayList<>();
        for (StoredFile file : table.files()) {
            Path local = store.local(file);
            String enginePath =
                    paths == Paths.LOCAL_COPY
                            ? local.toAbsolutePath().toString()
                            : EnginePaths.of(dialect, file, local);
            files.add(PartFile.read(local, enginePath));
        }
        return new TableParts(table.id(), files);
    }
}
