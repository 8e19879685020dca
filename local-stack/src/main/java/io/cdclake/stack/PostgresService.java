package io.cdclake.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A real PostgreSQL server in a child process, configured for logical decoding (pgoutput). */
public final class PostgresService implements AutoCloseable {

    public static final String DATABASE = "postgres";
    public static final String USER = "postgres";

    private final EmbeddedPostgres server;
    private final Path dataDir;

    private PostgresService(EmbeddedPostgres server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
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
        return new PostgresService(builder.start(), dataDir);
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

    /**
     * Zonky's server trusts local connections; the password only has to be non-empty for clients
     * that insist.
     */
    public String password() {
        return "postgres";
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database();
    }

    /** The cluster's data directory, e.g. for {@link PostgresCrashes}. */
    public Path dataDir() {
        return dataDir;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), password());
    }

    /**
     * The postmaster's process id. pg_ctl daemonizes the server, so it is not a descendant of this
     * JVM; checks that it stopped need the id from its pid file.
     */
    public long serverPid() throws IOException {
        String firstLine = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0);
        return Long.parseLong(firstLine.trim());
    }

    /**
     * Stops the server and waits until the postmaster has exited, not just removed its pid file.
     */
    @Override
    public void close() throws IOException {
        Optional<ProcessHandle> postmaster = Optional.empty();
        try {
            postmaster = ProcessHandle.of(serverPid());
        } catch (IOException | RuntimeException e) {
            // No pid file: the server is not running, nothing to wait for.
        }
        server.close();
        postmaster.ifPresent(PostgresService::awaitExit);
    }

    /** Polls: onExit() of a process that is not our child polls too, but with long sleeps. */
    private static void awaitExit(ProcessHandle process) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
