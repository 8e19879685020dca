package io.cdclake.reader.verify;

import io.cdclake.format.CsvSyntax;
import io.cdclake.format.LakePaths;
import io.cdclake.format.TableId;
import io.cdclake.reader.LakeStore;
import io.cdclake.reader.StoredFile;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Reads the CSV part files of one lake table, {@code <lakeRoot>/csv/<source>/<schema>.<table>/dt=*
 * /part-*.csv}, from a {@link LakeStore}, one file at a time.
 */
final class LakeCsvReader {

    private final LakeStore store;
    private final String lakeRoot;
    private final TableId table;
    private final List<String> folders;
    private final CsvSyntax syntax;

    /** A reader of the table's CSV files in its own folder. */
    LakeCsvReader(LakeStore store, String lakeRoot, TableId table, char delimiter) {
        this(
                store,
                lakeRoot,
                table,
                List.of(LakePaths.tableRoot(lakeRoot, LakePaths.Format.CSV, table)),
                delimiter);
    }

    /** A reader of the table's CSV files in {@code folders}, oldest first. */
    LakeCsvReader(
            LakeStore store, String lakeRoot, TableId table, List<String> folders, char delimiter) {
        this.store = store;
        this.lakeRoot = lakeRoot.replaceAll("/+$", "");
        this.table = table;
        this.folders = List.copyOf(folders);
        this.syntax = new CsvSyntax(delimiter);
    }

    /** {@code <lakeRoot>/csv/<source>/<schema>.<table>}, with the job's escaping of the names. */
    String tableRoot() {
        return LakePaths.tableRoot(lakeRoot, LakePaths.Format.CSV, table);
    }

    PartFiles partFiles() throws IOException {
        return PartFiles.list(store, folders, LakePaths.Format.CSV);
    }

    /** One file read strictly ({@link CsvSyntax#parse(byte[])}), as far as it reads. */
    CsvSyntax.Parsed read(StoredFile file) throws IOException {
        return syntax.parse(Files.readAllBytes(store.local(file)));
    }
}
