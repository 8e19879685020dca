package io.cdclake.cluster.fault;

import static org.awaitility.Awaitility.await;

import io.cdclake.stack.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Kafka Connect worker (local-stack's ConnectWorkerMain) in a process of its own, which can be
 * killed with SIGKILL and started again: the new worker finds its connectors and source offsets in
 * Kafka's internal topics.
 */
final class ConnectProcess implements AutoCloseable {

    /**
     * Longer than the worker's own wait: after a kill its successor may wait for the killed task's
     * open transaction to time out (60 s) before it serves requests.
     */
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);

    private final Path workDir;
    private final String bootstrapServers;
    private final int restPort;
    private final Map<String, String> environment;
    private final Map<String, String> workerOverrides;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ChildJvm process;
    private int starts;

    private ConnectProcess(
            Path workDir,
            String bootstrapServers,
            int restPort,
            Map<String, String> environment,
            Map<String, String> workerOverrides) {
        this.workDir = workDir;
        this.bootstrapServers = bootstrapServers;
        this.restPort = restPort;
        this.environment = environment;
        this.workerOverrides = Map.copyOf(workerOverrides);
    }

    /**
     * @param environment the {@code CDC_LAKE_PG_*} values the connector's placeholders resolve to
     */
    static ConnectProcess start(
            Path workDir, String bootstrapServers, Map<String, String> environment)
            throws Exception {
        return start(workDir, bootstrapServers, environment, Map.of());
    }

    /**
     * As {@link #start(Path, String, Map)}, with worker properties that override local-stack's
     * defaults (every start of this worker, restarts included, uses them).
     *
     * @param workerOverrides e.g. {@code exactly.once.source.support=disabled}; empty for the
     *     defaults
     */
    static ConnectProcess start(
            Path workDir,
            String bootstrapServers,
            Map<String, String> environment,
            Map<String, String> workerOverrides)
            throws Exception {
        ConnectProcess connect =
                new ConnectProcess(
                        workDir, bootstrapServers, FreePorts.next(), environment, workerOverrides);
        connect.launch();
        return connect;
    }

    URI restUrl() {
        return URI.create("http://127.0.0.1:" + restPort);
    }

    /** {@code kill -9}: source offsets not yet flushed to Kafka are lost with the worker. */
    void kill() throws InterruptedException {
        process.kill();
    }

    /**
     * Starts a worker again on the same port and group; returns once its REST API serves requests.
     */
    void restart() throws Exception {
        launch();
    }

    private void launch() throws Exception {
        String name = ++starts == 1 ? "connect" : "connect-" + starts;
        List<String> args = new ArrayList<>(List.of(bootstrapServers, String.valueOf(restPort)));
        String mainClass = "io.cdclake.stack.ConnectWorkerMain";
        if (!workerOverrides.isEmpty()) {
            mainClass = ConnectWorkerWithOverrides.class.getName();
            workerOverrides.forEach((key, value) -> args.add(key + "=" + value));
        }
        process = ServiceJvm.start(name, workDir, "512m", environment, mainClass, args);
        awaitHealthy();
    }

    private void awaitHealthy() {
        await().alias("Kafka Connect answers 200 on /health (last answer)")
                .atMost(STARTUP_TIMEOUT)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500))
                .failFast(
                        "Kafka Connect exited while starting",
                        () -> {
                            if (!process.isAlive()) {
                                throw new IOException(process.output());
                            }
                        })
                .until(this::health, answer -> answer.startsWith("200 "));
    }

    /** Status code and body of {@code /health}, or the error that stood in the way. */
    private String health() throws InterruptedException {
        try {
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(restUrl().resolve("/health"))
                                    .timeout(Duration.ofSeconds(5))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
