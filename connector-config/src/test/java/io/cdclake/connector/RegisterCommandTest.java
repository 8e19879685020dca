package io.cdclake.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegisterCommandTest {

    @Test
    void parsesEveryOption() {
        RegisterCommand.Options o = RegisterCommand.Options.parse(new String[] {
            "register", "--connect-url", "http://connect:8083", "--config", "c.json",
            "--set", "table.include.list=public.a", "--set", "snapshot.mode=never", "--timeout", "7"});

        assertThat(o.connectUrl.toString()).isEqualTo("http://connect:8083");
        assertThat(o.configFile.toString()).isEqualTo("c.json");
        assertThat(o.settings).containsExactly("table.include.list=public.a", "snapshot.mode=never");
        assertThat(o.timeout).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void takesTheArgumentsWithOrWithoutTheCommandsName() {
        // ./cdc-lake register passes what follows the command's name.
        RegisterCommand.Options o = RegisterCommand.Options.parse(new String[] {"--connect-url", "http://connect:8083", "--timeout", "7"});
        assertThat(o.connectUrl.toString()).isEqualTo("http://connect:8083");
        assertThat(o.timeout).isEqualTo(Duration.ofSeconds(7));
        assertThat(RegisterCommand.Options.parse(new String[] {"register", "--help"}).help).isTrue();
        assertThat(RegisterCommand.Options.parse(new String[] {}).help).isFalse();
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> RegisterCommand.Options.parse(new String[] {"deregister"})).hasMessageContaining("unknown argument: deregister");
        assertThatThrownBy(() -> RegisterCommand.Options.parse(new String[] {"register", "--set"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> RegisterCommand.Options.parse(new String[] {"register", "--set", "novalue"})).hasMessageContaining("key=value");
        assertThatThrownBy(() -> RegisterCommand.Options.parse(new String[] {"register", "--timeout", "soon"})).hasMessageContaining("seconds");
        assertThatThrownBy(() -> RegisterCommand.Options.parse(new String[] {"register", "--bogus"})).hasMessageContaining("--bogus");
    }

    @Test
    void usageErrorsExitWithTwoAndPrintUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RegisterCommand.run(new String[] {"register", "--config"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: register");
    }

    @Test
    void missingConfigFileExitsWithTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RegisterCommand.run(new String[] {"register", "--config", "does-not-exist.json"}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("does-not-exist.json");
    }
}
