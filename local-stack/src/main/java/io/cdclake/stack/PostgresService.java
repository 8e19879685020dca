package io.cdclake.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A real PostgreSQL server in a child process, configured for logical decoding (pgoutput). */
public final class PostgresService implements AutoCloseable {

    public static final String DATABASE = "postgres";
    public static final String USER = "postgres";

    private final EmbeddedPostgres server;

    private PostgresService(EmbeddedPostgres server) {
        this.server = server;
    }

    /**
     * Starts a server whose data lives under {@code workDir/postgres}.
     *
     * @param port a fixed port, or 0 for a free one
     */
    public static PostgresService start(Path workDir, int port) throws IOException {
        Path dataDir = workDir.resolve("postgres");
        Files.createDirectories(dataDir);
        EmbeddedPostgres.Builder builder =
                EmbeddedPostgres.builder()
                        .setDataDirectory(dataDir)
                        .setCleanDataDirectory(true)
                        .setOverrideWorkingDirectory(workDir.resolve("postgres-bin").toFile())
                        .setServerConfig("wal_level", "logical")
                        .setServerConfig("max_replication_slots", "10")
                        .setServerConfig("max_wal_senders", "10")
                        .setServerConfig("max_connections", "100")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off");
        if (port > 0) {
            builder.setPort(port);
        }
        return new PostgresService(builder.start());
    }

    public String host() {
        return "localhost";
    }

    public int port() {
        return server.getPort();
    }

    public String database() {
        return DATABASE;
    }

    public String user() {
        return USER;
    }

    /** Zonky's server trusts local connections; the password only has to be non-empty for clients that insist. */
    public String password() {
        return "postgres";
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database();
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), password());
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
