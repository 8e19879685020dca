package io.cdclake.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdclake.cli.Main;
import io.cdclake.format.TableId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line, without a database: usage errors and option parsing. */
class VerifyCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        String[] withName = new String[args.length + 1];
        withName[0] = "verify";
        System.arraycopy(args, 0, withName, 1, args.length);
        return Main.run(
                withName,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpPrintsTheGeneratedUsageWithTheOptionsDescriptions() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Usage: cdc-lake verify")
                .contains("--password-env=NAME")
                .contains("--leftover-age=DURATION")
                .contains("older than this (default 1h)")
                .contains("--formats=LIST")
                .contains("--csv-delimiter=C")
                .contains("one character or \\t");
    }

    @Test
    void missingOrUnknownOptionsAreUsageErrorsThatNameThem() {
        assertThat(run(Map.of(), "--table", "public.items")).isEqualTo(2);
        assertThat(err())
                .contains("Missing required options:")
                .contains("'--jdbc-url=URL'")
                .contains("'--user=USER'")
                .contains("'--lake=LAKE'")
                .contains("Usage: cdc-lake verify");
        assertThat(
                        run(
                                Map.of(),
                                "--table",
                                "t",
                                "--jdbc-url",
                                "jdbc:postgresql://h/db",
                                "--user",
                                "u",
                                "--lake",
                                "s3://lake",
                                "--bogus",
                                "1"))
                .isEqualTo(2);
        assertThat(err()).contains("Unknown options: '--bogus', '1'");
        assertThat(
                        run(
                                Map.of(),
                                "--table",
                                "t",
                                "--jdbc-url",
                                "jdbc:postgresql://h/db",
                                "--user",
                                "u",
                                "--lake"))
                .isEqualTo(2);
        assertThat(err()).contains("Missing required parameter for option '--lake'");
        assertThat(
                        run(
                                Map.of(),
                                "--table=t",
                                "--jdbc-url=x",
                                "--user=u",
                                "--lake=s3://",
                                "--max-examples",
                                "x"))
                .isEqualTo(2);
        assertThat(err()).contains("Invalid value for option '--max-examples'");
        assertThat(
                        run(
                                Map.of(),
                                "--table=t",
                                "--jdbc-url=x",
                                "--user=u",
                                "--lake=s3://",
                                "--password",
                                "hunter2"))
                .isEqualTo(2);
        assertThat(err()).contains("--password-env").doesNotContain("hunter2");
    }

    @Test
    void leftoverAgeIsADuration() throws Exception {
        for (String bad : new String[] {"-1h", "90", "30 min"}) {
            assertThat(
                            run(
                                    Map.of(),
                                    "--table",
                                    "t",
                                    "--jdbc-url",
                                    "jdbc:postgresql://h/db",
                                    "--user",
                                    "u",
                                    "--lake",
                                    "file:///x",
                                    "--leftover-age",
                                    bad))
                    .isEqualTo(2);
            assertThat(err())
                    .contains(
                            "Invalid value for option '--leftover-age': '"
                                    + bad
                                    + "' is not a duration");
        }
        assertThat(
                        run(
                                Map.of(),
                                "--table",
                                "t",
                                "--jdbc-url",
                                "jdbc:postgresql://h/db",
                                "--user",
                                "u",
                                "--lake",
                                "file:///x",
                                "--formats",
                                "csv"))
                .isEqualTo(2);
        assertThat(err()).contains("parquet must be one").contains("Usage: cdc-lake verify");
    }

    @Test
    void credentialsComeOnlyFromNamedEnvironmentVariables() {
        int code =
                run(
                        Map.of(),
                        "--table",
                        "t",
                        "--jdbc-url",
                        "jdbc:postgresql://localhost:1/db",
                        "--user",
                        "u",
                        "--password-env",
                        "MY_PG_PASSWORD",
                        "--lake",
                        "file:///nowhere");
        assertThat(code).isEqualTo(2);
        assertThat(err())
                .contains("environment variable MY_PG_PASSWORD (--password-env) is not set");

        code =
                run(
                        Map.of("MY_PG_PASSWORD", "secret-value"),
                        "--table",
                        "t",
                        "--jdbc-url",
                        "jdbc:postgresql://localhost:1/db",
                        "--user",
                        "u",
                        "--password-env",
                        "MY_PG_PASSWORD",
                        "--lake",
                        "s3://lake",
                        "--s3-access-key-env",
                        "NOPE");
        assertThat(code).isEqualTo(2);
        assertThat(err())
                .contains("environment variable NOPE (--s3-access-key-env) is not set")
                .doesNotContain("secret-value");
    }

    @Test
    void anUnreachableDatabaseIsAFailureNotAMatch() {
        int code =
                run(
                        Map.of("PGPASSWORD", "secret-value"),
                        "--table",
                        "t",
                        "--jdbc-url",
                        "jdbc:postgresql://127.0.0.1:1/db",
                        "--user",
                        "u",
                        "--lake",
                        "file:///nowhere");
        assertThat(code).isEqualTo(1);
        assertThat(err()).startsWith("verify: database error:").doesNotContain("secret-value");
    }

    @Test
    void tableNames() throws Exception {
        assertThat(VerifyCommand.parseTable("public.customers"))
                .isEqualTo(new TableId("public", "customers"));
        assertThat(VerifyCommand.parseTable("customers"))
                .isEqualTo(new TableId("public", "customers"));
        assertThat(VerifyCommand.parseTable("\"My.Schema\".\"Odd \"\"Name\"\"\""))
                .isEqualTo(new TableId("My.Schema", "Odd \"Name\""));
        assertThat(VerifyCommand.parseTable("sales.\"Orders\""))
                .isEqualTo(new TableId("sales", "Orders"));
        // Unquoted names fold to lower case, as in psql.
        assertThat(VerifyCommand.parseTable("Sales.Orders"))
                .isEqualTo(new TableId("sales", "orders"));
        assertThatThrownBy(() -> VerifyCommand.parseTable(".x"))
                .isInstanceOf(VerifyCommand.UsageException.class);
        assertThatThrownBy(() -> VerifyCommand.parseTable("\"unclosed.x"))
                .isInstanceOf(VerifyCommand.UsageException.class);
    }
}
