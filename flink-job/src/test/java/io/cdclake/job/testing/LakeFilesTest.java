package io.cdclake.job.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeFilesTest {

    @Test
    void readsNullsEmptyStringsAndLineBreaksAsTheJobWritesThem(@TempDir Path root)
            throws Exception {
        Path file =
                write(
                        root,
                        "part-0.csv",
                        "id,name,note\r\n"
                                + "1,,\"\"\r\n"
                                + "2,\"two\r\n"
                                + "lines, quoted \"\"x\"\"\",plain\r\n");

        assertThat(LakeFiles.readCsv(new org.apache.flink.core.fs.Path(file.toUri())))
                .containsExactly(
                        List.of("id", "name", "note"),
                        Arrays.asList("1", null, ""),
                        List.of("2", "two\r\nlines, quoted \"x\"", "plain"));
        List<Map<String, Object>> rows = LakeFiles.csvRows(root.toString());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("name", null).containsEntry("note", "");
    }

    @Test
    void refusesATornLineWhoseFieldCountDiffersFromTheHeader(@TempDir Path root) throws Exception {
        write(root, "part-0.csv", "id,name,note\r\n1,Ann,ok\r\n2,Bo\r\n3,Cy,ok\r\n");

        assertThatThrownBy(() -> LakeFiles.csvRows(root.toString()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("record 3 has 2 fields, the header 3");
    }

    private static Path write(Path root, String name, String text) throws Exception {
        return Files.writeString(root.resolve(name), text, StandardCharsets.UTF_8);
    }
}
