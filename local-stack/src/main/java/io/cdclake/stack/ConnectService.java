package io.cdclake.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

/**
 * A Kafka Connect worker in distributed mode inside this JVM, with its REST API on a local port and
 * the Debezium PostgreSQL connector on the classpath.
 *
 * <p>Connector configurations may use {@code ${env:NAME}} placeholders: here the provider named
 * {@code env} is {@link LocalStackConfigProvider}; a production worker maps the same name to
 * Kafka's {@code EnvVarConfigProvider}, so one connector JSON serves every environment.
 */
public final class ConnectService implements AutoCloseable {

    public static final String GROUP_ID = "cdc-lake-connect";

    private final Connect<?> connect;
    private final URI restUrl;

    private ConnectService(Connect<?> connect, URI restUrl) {
        this.connect = connect;
        this.restUrl = restUrl;
    }

    /**
     * Starts a worker against a running broker; returns once the REST API answers.
     *
     * @param restPort the REST port, or 0 for a free one
     */
    public static ConnectService start(String bootstrapServers, int restPort) {
        return start(bootstrapServers, restPort, Map.of());
    }

    /** As {@link #start(String, int)}, with worker properties that override the defaults. */
    public static ConnectService start(
            String bootstrapServers, int restPort, Map<String, String> overrides) {
        return start(bootstrapServers, restPort, overrides, Duration.ofSeconds(60));
    }

    /**
     * As {@link #start(String, int, Map)}, waiting up to {@code readyTimeout} for the worker to
     * serve requests.
     */
    public static ConnectService start(
            String bootstrapServers,
            int restPort,
            Map<String, String> overrides,
            Duration readyTimeout) {
        Map<String, String> props = workerProperties(bootstrapServers, restPort);
        props.putAll(overrides);
        Connect<?> connect = startWithoutExit(props);
        URI restUrl = connect.rest().advertisedUrl();
        try {
            // The REST server answers before the worker has joined its group and read the
            // config topic; /health turns 200 only when requests can be served.
            HttpProbe.await(
                    restUrl.resolve("/health"), status -> status == 200, readyTimeout, () -> true);
        } catch (IOException e) {
            connect.stop();
            throw new UncheckedIOException("Kafka Connect did not become ready", e);
        }
        return new ConnectService(connect, restUrl);
    }

    /**
     * ConnectDistributed calls {@code Exit.exit(3)} when the worker fails to start, which would end
     * the whole JVM (a test run, the CLI); during the start it throws instead.
     */
    private static Connect<?> startWithoutExit(Map<String, String> props) {
        Exit.setExitProcedure(
                (code, message) -> {
                    throw new IllegalStateException(
                            "Kafka Connect failed to start (exit code "
                                    + code
                                    + ")"
                                    + (message != null ? ": " + message : "")
                                    + "; see the log for the cause");
                });
        try {
            return new ConnectDistributed().startConnect(props);
        } finally {
            Exit.resetExitProcedure();
        }
    }

    static Map<String, String> workerProperties(String bootstrapServers, int restPort) {
        Map<String, String> p = new HashMap<>();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("group.id", GROUP_ID);
        p.put("listeners", "http://127.0.0.1:" + Math.max(restPort, 0));
        // Scanning the classpath for plugins costs seconds and about 1 GB; the connectors and
        // converters used here all ship ServiceLoader manifests.
        p.put("plugin.discovery", "service_load");
        p.put("key.converter", "io.cdclake.connect.CachedSchemaJsonConverter");
        p.put("value.converter", "io.cdclake.connect.CachedSchemaJsonConverter");
        p.put("key.converter.schemas.enable", "true");
        p.put("value.converter.schemas.enable", "true");
        p.put("config.storage.topic", "cdc-lake-connect-configs");
        p.put("offset.storage.topic", "cdc-lake-connect-offsets");
        p.put("status.storage.topic", "cdc-lake-connect-status");
        p.put("config.storage.replication.factor", "1");
        p.put("offset.storage.replication.factor", "1");
        p.put("status.storage.replication.factor", "1");
        p.put("offset.storage.partitions", "1");
        p.put("status.storage.partitions", "1");
        p.put("offset.flush.interval.ms", "5000");
        // A lone worker that restarts should get its connectors back at once, not after the
        // default five minutes reserved for a departed member of a larger cluster.
        p.put("scheduled.rebalance.max.delay.ms", "0");
        // KIP-618: source records and their offsets are written in one Kafka transaction, so a
        // restarted task neither repeats nor skips an event. Needs the broker's transaction log
        // (replication factor 1 here) and connectors that declare support, as Debezium's do.
        p.put("exactly.once.source.support", "enabled");
        // Lets the connector raise its producer's max.request.size (producer.override.*) for large
        // rows. "All" is Kafka's default; it is set so that a change of that default cannot break
        // it.
        p.put("connector.client.config.override.policy", "All");
        p.put("config.providers", "env");
        p.put("config.providers.env.class", LocalStackConfigProvider.class.getName());
        return p;
    }

    public URI restUrl() {
        return restUrl;
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
