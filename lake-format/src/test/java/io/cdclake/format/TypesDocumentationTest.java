package io.cdclake.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The manual's types table (docs/types.md) is the one generated from the lake format. */
class TypesDocumentationTest {

    @Test
    void theManualCarriesTheGeneratedTable() throws Exception {
        String types = Files.readString(Path.of("..", "docs", "types.md"));
        assertThat(types)
                .as("docs/types.md types table; regenerate it with TypesDocumentation#main")
                .contains(TypesDocumentation.markdownTable());
    }

    @Test
    void everyLakeTypeKindButArraysOfArraysIsDocumented() {
        var documented = TypesDocumentation.ROWS.stream().map(row -> row.type().kind()).toList();
        assertThat(documented).containsAll(java.util.EnumSet.allOf(LakeType.Kind.class));
    }

    @Test
    void eachExampleReadsBackFromItsCsvText() {
        for (TypesDocumentation.Row row : TypesDocumentation.ROWS) {
            String text = CsvEncoding.text(row.type(), row.example());
            assertThat(LakeValues.same(CsvEncoding.read(row.type(), text), row.example()))
                    .as(row.postgres())
                    .isTrue();
        }
    }
}
