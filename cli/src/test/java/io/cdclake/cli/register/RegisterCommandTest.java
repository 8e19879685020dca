package io.cdclake.cli.register;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.cli.ConnectUrlOption;
import io.cdclake.commandline.CommandLines;
import io.cdclake.commandline.Terminal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line of {@code register}, without a Kafka Connect: parsing and usage errors. */
class RegisterCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Terminal terminal(Map<String, String> env) {
        return new Terminal(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env);
    }

    private int run(String... args) {
        return CommandLines.execute(
                new RegisterCommand(terminal(Map.of())), terminal(Map.of()), args);
    }

    @Test
    void parsesEveryOption() {
        RegisterCommand command = new RegisterCommand(terminal(Map.of()));
        CommandLines.create(command, terminal(Map.of()))
                .parseArgs(
                        "--connect-url",
                        "http://connect:8083",
                        "--config",
                        "c.json",
                        "--set",
                        "table.include.list=public.a",
                        "--set",
                        "snapshot.mode=never",
                        "--timeout",
                        "90s");

        assertThat(command.connectUrl().toString()).isEqualTo("http://connect:8083");
        assertThat(command.configFile.toString()).isEqualTo("c.json");
        assertThat(command.settings)
                .containsExactly("table.include.list=public.a", "snapshot.mode=never");
        assertThat(command.timeout).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void defaultsComeFromTheEnvironmentThenTheComposeStack() {
        RegisterCommand fromEnv =
                new RegisterCommand(
                        terminal(Map.of(ConnectUrlOption.ENV, "http://elsewhere:8083")));
        CommandLines.create(fromEnv, terminal(Map.of())).parseArgs();
        assertThat(fromEnv.connectUrl().toString()).isEqualTo("http://elsewhere:8083");
        assertThat(fromEnv.timeout).isEqualTo(Duration.ofMinutes(2));

        RegisterCommand plain = new RegisterCommand(terminal(Map.of()));
        CommandLines.create(plain, terminal(Map.of())).parseArgs();
        assertThat(plain.connectUrl().toString()).isEqualTo(ConnectUrlOption.DEFAULT);
    }

    @Test
    void aTimeoutWithoutAUnitNamesTheOptionAndTheSyntax() {
        assertThat(run("--timeout", "7")).isEqualTo(2);
        assertThat(err())
                .contains("--timeout")
                .contains("'7' is not a duration")
                .contains("90s")
                .contains("Usage: register");
    }

    @Test
    void badArgumentsAreUsageErrorsThatNameThem() {
        assertThat(run("--set", "novalue")).isEqualTo(2);
        assertThat(err()).contains("key=value").contains("Usage: register");
        assertThat(run("--bogus")).isEqualTo(2);
        assertThat(err()).contains("'--bogus'");
        assertThat(run("--config")).isEqualTo(2);
        assertThat(err()).contains("--config");
    }

    @Test
    void helpDescribesTheOptions() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Usage: register")
                .contains("--connect-url=URL")
                .contains(ConnectUrlOption.ENV)
                .contains("--set=KEY=VALUE")
                .contains("repeatable")
                .contains("default: 2m");
    }

    @Test
    void missingConfigFileExitsWithTwo() {
        assertThat(run("--config", "does-not-exist.json")).isEqualTo(2);
        assertThat(err()).contains("does-not-exist.json");
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
