package io.cdclake.loader;

import io.cdclake.stack.PostgresService;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A real PostgreSQL (logical decoding on) and one connection to it, per test class. */
public abstract class WithPostgres {

    @TempDir static Path workDir;

    protected static PostgresService postgres;
    protected static Connection connection;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresService.start(workDir, 0);
        connection = postgres.connect();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
