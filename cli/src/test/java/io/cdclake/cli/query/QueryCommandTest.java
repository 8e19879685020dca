package io.cdclake.cli.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** The command line, without a lake: help, usage errors, option values. */
class QueryCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        String[] withName = new String[args.length + 1];
        withName[0] = "query";
        System.arraycopy(args, 0, withName, 1, args.length);
        return Main.run(
                withName,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpDescribesTheViewsAndTheOptions() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Usage: cdc-lake query")
                .contains("\"schema\".\"table__changes\"")
                .contains("--lake=LAKE")
                .contains("--s3-endpoint=URL")
                .contains("--sql=STATEMENT")
                .contains("--as-of-lsn=LSN")
                .contains("--print-views=ENGINE");
    }

    @Test
    void optionsThatContradictEachOtherAreUsageErrors() {
        assertThat(run("--lake", "/nowhere", "--as-of", "2026-11-24T09:00:00Z", "--as-of-lsn", "5"))
                .isEqualTo(2);
        assertThat(err()).contains("give --as-of or --as-of-lsn, not both").contains("Usage:");
        assertThat(run("--lake", "/nowhere", "--sql", "SELECT 1", "--format", "csv")).isEqualTo(2);
        assertThat(err()).contains("--format needs --output FILE");
        assertThat(run("--lake", "/nowhere", "--output", "x.csv")).isEqualTo(2);
        assertThat(err()).contains("--output writes the result of --sql");
        assertThat(run("--lake", "/nowhere", "--sql", "SELECT 1", "--output", "x.txt"))
                .isEqualTo(2);
        assertThat(err()).contains("give --format csv|json|parquet");
        assertThat(run("--lake", "/nowhere", "--print-views", "spark", "--sql", "SELECT 1"))
                .isEqualTo(2);
        assertThat(err()).contains("--print-views prints the views only");
        assertThat(run("--lake", "/nowhere", "--print-views", "oracle")).isEqualTo(2);
        assertThat(err()).contains("--print-views");
        assertThat(run("--lake", "s3:///base", "--sql", "SELECT 1")).isEqualTo(2);
        assertThat(err()).contains("names no bucket");
    }

    @Test
    void aBadTimeIsAUsageErrorThatShowsTheSyntax() {
        assertThat(run("--lake", "/nowhere", "--as-of", "yesterday")).isEqualTo(2);
        assertThat(err()).contains("'yesterday' is not a time").contains("2026-11-24T09:00:00Z");
    }

    @Test
    void timesWithoutAnOffsetAreUtc() {
        assertThat(AsOfTimeConverter.parse("2026-11-24T09:00:00Z"))
                .isEqualTo(Instant.parse("2026-11-24T09:00:00Z"));
        assertThat(AsOfTimeConverter.parse("2026-11-24T10:00:00.5+01:00"))
                .isEqualTo(Instant.parse("2026-11-24T09:00:00.5Z"));
        assertThat(AsOfTimeConverter.parse("2026-11-24T09:00"))
                .isEqualTo(Instant.parse("2026-11-24T09:00:00Z"));
        assertThat(AsOfTimeConverter.parse("2026-11-24"))
                .isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AsOfTimeConverter.parse("9:00"))
                .isInstanceOf(TypeConversionException.class);
    }
}
