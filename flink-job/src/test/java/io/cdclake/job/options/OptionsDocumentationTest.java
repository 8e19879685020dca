package io.cdclake.job.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's options table is the one generated from {@link LakeOptions}. */
class OptionsDocumentationTest {

    @Test
    void readmeCarriesTheGeneratedTable() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme)
                .as("README.md options table; regenerate it with OptionsDocumentation#main")
                .contains(OptionsDocumentation.markdownTable());
    }

    @Test
    void everyOptionIsDescribed() {
        String table = OptionsDocumentation.markdownTable();
        for (var option : LakeOptions.ALL) {
            assertThat(table).contains("`" + option.key() + "`");
        }
        assertThat(table).doesNotContain("| |  |");
    }
}
