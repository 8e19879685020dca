package io.cdclake.cli.verify;

import io.cdclake.format.TableId;
import io.cdclake.format.LakePaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.core.fs.Path;

/**
 * Reads the CSV part files of one lake table, {@code <lakeRoot>/csv/<schema>.<table>/dt=* /part-*.csv},
 * through Flink's file systems, one file at a time.
 */
final class LakeCsvReader {

    private final String lakeRoot;
    private final TableId table;
    private final CsvPartParser parser;

    LakeCsvReader(String lakeRoot, TableId table, char delimiter) {
        this.lakeRoot = lakeRoot.replaceAll("/+$", "");
        this.table = table;
        this.parser = new CsvPartParser(delimiter);
    }

    /** {@code <lakeRoot>/csv/<schema>.<table>}, with the job's escaping of the names. */
    String tableRoot() {
        return lakeRoot + "/csv/" + LakePaths.tableFolder(table);
    }

    PartFiles partFiles() throws IOException {
        return PartFiles.list(tableRoot(), ".csv");
    }

    /** One file parsed, as far as it parses; text that is not UTF-8 is a problem at line 1. */
    CsvPartParser.Parsed read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = file.getFileSystem().open(file)) {
            bytes = in.readAllBytes();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new CsvPartParser.Parsed(List.of(), List.of(),
                    new CsvPartParser.Problem(1, "not UTF-8 text"));
        }
        return parser.parse(text);
    }
}
