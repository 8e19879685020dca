package io.cdclake.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LakePathsTest {

    @Test
    void aFolderNameReadsBackAsTheTableItWasWrittenFor() {
        for (TableId table :
                new TableId[] {
                    new TableId("public", "customers"),
                    new TableId("sales dept", "order \"lines\".v2"),
                    new TableId("my.schema", "a.b"),
                    new TableId("a/b", "x=1%y"),
                    new TableId("Ünï", "çödé 🚀"),
                    new TableId("s", "..")
                }) {
            assertThat(LakePaths.tableOfFolder(LakePaths.tableFolder(table))).isEqualTo(table);
        }
    }

    @Test
    void theFirstDotEndsTheSchema() {
        assertThat(LakePaths.tableFolder(new TableId("my.schema", "a.b")))
                .isEqualTo("my%2Eschema.a.b");
    }

    @Test
    void aFolderWithoutADotIsNoTable() {
        assertThatThrownBy(() -> LakePaths.tableOfFolder("customers"))
                .hasMessageContaining("is not <schema>.<table>");
    }
}
