package io.cdclake.cli.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void columnsAlignNumbersToTheRightAndEachRowStaysOneLine() {
        ResultTable table = new ResultTable(List.of("id", "name", "n"), List.of(true, false, true));
        table.add(List.of("1", "Ünïcödé", "10"));
        table.add(List.of("200", "two\nlines", "NULL"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly(
                        "id   name        n",
                        "---  ----------  ----",
                        "  1  Ünïcödé       10",
                        "200  two\\nlines  NULL",
                        "(2 rows)");
    }
}
