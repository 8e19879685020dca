package io.cdclake.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdclake.format.TableId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line, without a database: usage errors and option parsing. */
class VerifyCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return VerifyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpPrintsUsage() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: ./cdc-lake verify").contains("--password-env")
                .contains("--leftover-age DURATION").contains("--formats LIST").contains("--csv-delimiter C");
    }

    @Test
    void missingOrUnknownOptionsAreUsageErrors() {
        assertThat(run(Map.of(), "--table", "public.items")).isEqualTo(2);
        assertThat(err()).contains("--jdbc-url is required").contains("usage:");
        assertThat(run(Map.of(), "--table", "t", "--jdbc-url", "jdbc:postgresql://h/db", "--user", "u", "--lake", "s3://lake", "--bogus", "1"))
                .isEqualTo(2);
        assertThat(err()).contains("unknown option '--bogus'");
        assertThat(run(Map.of(), "--table", "t", "--jdbc-url", "jdbc:postgresql://h/db", "--user", "u", "--lake")).isEqualTo(2);
        assertThat(err()).contains("--lake needs a value");
        assertThat(run(Map.of(), "verify", "--table=t", "--jdbc-url=x", "--user=u", "--lake=s3://", "--max-examples", "x")).isEqualTo(2);
    }

    @Test
    void formatsDelimiterAndLeftoverAgeFollowTheJobsOptions() throws Exception {
        assertThat(VerifyCommand.checkCsv(null)).isTrue();
        assertThat(VerifyCommand.checkCsv("PARQUET;CSV")).isTrue();
        assertThat(VerifyCommand.checkCsv("parquet")).isFalse();
        assertThatThrownBy(() -> VerifyCommand.checkCsv("csv")).hasMessageContaining("parquet must be one");
        assertThatThrownBy(() -> VerifyCommand.checkCsv("parquet,orc")).hasMessageContaining("each format is parquet or csv");

        assertThat(VerifyCommand.csvDelimiter(null)).isEqualTo(',');
        assertThat(VerifyCommand.csvDelimiter("\\t")).isEqualTo('\t');
        assertThat(VerifyCommand.csvDelimiter(";")).isEqualTo(';');
        assertThatThrownBy(() -> VerifyCommand.csvDelimiter("\"")).hasMessageContaining("--csv-delimiter");
        assertThatThrownBy(() -> VerifyCommand.csvDelimiter(";;")).hasMessageContaining("--csv-delimiter");

        assertThat(VerifyCommand.leftoverAge(null)).isEqualTo(Duration.ofHours(1));
        assertThat(VerifyCommand.leftoverAge("30 min")).isEqualTo(Duration.ofMinutes(30));
        assertThat(VerifyCommand.leftoverAge("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(VerifyCommand.leftoverAge("0s")).isZero();
        assertThatThrownBy(() -> VerifyCommand.leftoverAge("soon")).hasMessageContaining("--leftover-age 'soon'");

        assertThat(run(Map.of(), "--table", "t", "--jdbc-url", "jdbc:postgresql://h/db", "--user", "u", "--lake", "file:///x",
                "--leftover-age", "-1h")).isEqualTo(2);
        assertThat(err()).contains("--leftover-age '-1h'");
    }

    @Test
    void credentialsComeOnlyFromNamedEnvironmentVariables() {
        int code = run(Map.of(), "--table", "t", "--jdbc-url", "jdbc:postgresql://localhost:1/db", "--user", "u",
                "--password-env", "MY_PG_PASSWORD", "--lake", "file:///nowhere");
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("environment variable MY_PG_PASSWORD (--password-env) is not set");

        code = run(Map.of("MY_PG_PASSWORD", "secret-value"), "--table", "t", "--jdbc-url", "jdbc:postgresql://localhost:1/db",
                "--user", "u", "--password-env", "MY_PG_PASSWORD", "--lake", "s3://lake", "--s3-access-key-env", "NOPE");
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("environment variable NOPE (--s3-access-key-env) is not set").doesNotContain("secret-value");
    }

    @Test
    void anUnreachableDatabaseIsAFailureNotAMatch() {
        int code = run(Map.of("PGPASSWORD", "secret-value"), "--table", "t", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/db",
                "--user", "u", "--lake", "file:///nowhere");
        assertThat(code).isEqualTo(1);
        assertThat(err()).startsWith("verify: database error:").doesNotContain("secret-value");
    }

    @Test
    void tableNames() throws Exception {
        assertThat(VerifyCommand.parseTable("public.customers")).isEqualTo(new TableId("public", "customers"));
        assertThat(VerifyCommand.parseTable("customers")).isEqualTo(new TableId("public", "customers"));
        assertThat(VerifyCommand.parseTable("\"My.Schema\".\"Odd \"\"Name\"\"\"")).isEqualTo(new TableId("My.Schema", "Odd \"Name\""));
        assertThat(VerifyCommand.parseTable("sales.\"Orders\"")).isEqualTo(new TableId("sales", "Orders"));
        assertThatThrownBy(() -> VerifyCommand.parseTable(".x")).isInstanceOf(VerifyCommand.UsageException.class);
        assertThatThrownBy(() -> VerifyCommand.parseTable("\"unclosed.x")).isInstanceOf(VerifyCommand.UsageException.class);
    }

    @Test
    void lakeRoots() throws Exception {
        assertThat(VerifyCommand.lakeRoot("s3://lake/")).isEqualTo("s3://lake");
        assertThat(VerifyCommand.lakeRoot("s3://lake/cdc//")).isEqualTo("s3://lake/cdc");
        assertThat(VerifyCommand.lakeRoot("file:///tmp/lake")).isEqualTo("file:///tmp/lake");
        assertThat(VerifyCommand.lakeRoot("relative/lake")).isEqualTo(Path.of("relative/lake").toAbsolutePath().toUri().toString().replaceAll("/$", ""));
        assertThatThrownBy(() -> VerifyCommand.lakeRoot("s3:///nobucket")).isInstanceOf(VerifyCommand.UsageException.class);
    }
}
