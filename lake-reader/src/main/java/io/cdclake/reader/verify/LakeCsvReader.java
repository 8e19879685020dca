package io.cdclake.reader.verify;

import io.cdclake.format.LakePaths;
import io.cdclake.format.TableId;
import io.cdclake.reader.LakeStore;
import io.cdclake.reader.StoredFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
    private final CsvPartParser parser;

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
        this.parser = new CsvPartParser(delimiter);
    }

    /** {@code <lakeRoot>/csv/<source>/<schema>.<table>}, with the job's escaping of the names. */
    String tableRoot() {
        return LakePaths.tableRoot(lakeRoot, LakePaths.Format.CSV, table);
    }

    PartFiles partFiles() throws IOException {
        return PartFiles.list(store, folders, LakePaths.Format.CSV);
    }

    /** One file parsed, as far as it parses; text that is not UTF-8 is a problem at line 1. */
    CsvPartParser.Parsed read(StoredFile file) throws IOException {
        byte[] bytes = Files.readAllBytes(store.local(file));
        String text;
        try {
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes))
                            .toString();
        } catch (CharacterCodingException e) {
            return new CsvPartParser.Parsed(
                    List.of(), List.of(), new CsvPartParser.Problem(1, "not UTF-8 text"));
        }
        return parser.parse(text);
    }
}
