package io.cdclake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code register} against a real Kafka Connect with Debezium: it registers and waits. */
class RegisterCommandITCase {

    @RegisterExtension
    static final EmbeddedStack STACK = EmbeddedStack.of("register", b -> b.postgres().connect());

    @Test
    void theCommandLineRegistersToo() throws Exception {
        try (Connection c = STACK.stack().postgres().connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id int PRIMARY KEY, name text)");
        }

        CommandRun run =
                CommandRun.of(
                        Map.of(),
                        "register",
                        "--connect-url",
                        STACK.stack().connect().restUrl().toString(),
                        "--set",
                        "heartbeat.interval.ms=5000",
                        "--timeout",
                        "90s");

        assertThat(run.code()).as(run.all()).isZero();
        assertThat(run.out()).contains("Connector cdc-lake-postgres created and RUNNING at");
    }
}
