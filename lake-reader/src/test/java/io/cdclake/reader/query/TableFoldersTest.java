package io.cdclake.reader.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdclake.format.LakePaths;
import io.cdclake.format.TableId;
import org.junit.jupiter.api.Test;

class TableFoldersTest {

    @Test
    void aFolderNameReadsBackAsTheTableTheJobWroteItFor() {
        for (TableId table :
                new TableId[] {
                    new TableId("public", "customers"),
                    new TableId("sales dept", "order \"lines\".v2"),
                    new TableId("a/b", "x=1%y"),
                    new TableId("Ünï", "çödé 🚀"),
                    new TableId("s", "..")
                }) {
            assertThat(TableFolders.tableOf(LakePaths.tableFolder(table))).isEqualTo(table);
        }
    }

    @Test
    void aPercentSignWithoutTwoHexDigitsStaysAsItIs() {
        assertThat(TableFolders.unescape("100%")).isEqualTo("100%");
        assertThat(TableFolders.unescape("%zz%2F")).isEqualTo("%zz/");
    }

    @Test
    void aFolderWithoutADotIsNoTable() {
        assertThatThrownBy(() -> TableFolders.tableOf("customers"))
                .hasMessageContaining("is not <schema>.<table>");
    }
}
