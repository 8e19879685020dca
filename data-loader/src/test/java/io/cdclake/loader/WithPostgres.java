package io.cdclake.loader;

import io.cdclake.stack.PostgresService;
import io.cdclake.stack.testing.StackExtension;
import java.sql.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real PostgreSQL (logical decoding on, from the shared {@link StackExtension}) and one
 * connection to it, per test class.
 */
public abstract class WithPostgres {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.of("loader", b -> b.postgres());

    protected static PostgresService postgres;
    protected static Connection connection;

    @BeforeAll
    static void connect() throws Exception {
        postgres = STACK.postgres();
        connection = postgres.connect();
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (connection != null) {
            connection.close();
        }
    }
}
