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
    void aSourceFolderReadsBackAndNeverLooksLikeATableOfTheLayoutWithoutSources() {
        for (String source : new String[] {"postgres", "shop.eu", "_internal", "a/b", "..", "x"}) {
            TableId table = new TableId(source, "my.schema", "a.b");
            String path = LakePaths.tableFolder(table);
            int slash = path.indexOf('/');
            String sourceFolder = path.substring(0, slash);
            assertThat(sourceFolder).isEqualTo(LakePaths.sourceFolder(source));
            assertThat(LakePaths.isUnnamedSourceTableFolder(sourceFolder)).isFalse();
            assertThat(LakePaths.isHidden(sourceFolder)).isFalse();
            assertThat(
                            LakePaths.tableOfFolder(
                                    LakePaths.sourceOfFolder(sourceFolder),
                                    path.substring(slash + 1)))
                    .isEqualTo(table);
        }
        assertThat(LakePaths.isUnnamedSourceTableFolder("public.customers")).isTrue();
        assertThat(
                        LakePaths.tableRoot(
                                "s3://lake/base/",
                                LakePaths.Format.CSV,
                                new TableId("shop", "public", "customers")))
                .isEqualTo("s3://lake/base/csv/shop/public.customers");
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
