package io.cdclake.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BindFailureTest {

    /** The JobManager's log when its REST port was taken (Flink 2.2). */
    private static final String REST_PORT_TAKEN =
            "10:01:02,345 ERROR o.a.f.r.e.ClusterEntrypoint - Could not start cluster entrypoint"
                    + " StandaloneSessionClusterEntrypoint.\n"
                    + "java.net.BindException: Could not start rest endpoint on any port in port"
                    + " range 41234\n"
                    + "\tat org.apache.flink.runtime.rest.RestServerEndpoint.start";

    /** Its log when the RPC port was taken. */
    private static final String RPC_PORT_TAKEN =
            "org.apache.pekko.remote.RemoteTransportException: Failed to bind TCP to"
                    + " [127.0.0.1:41235] due to: Bind failed because of java.net.BindException:"
                    + " Address already in use";

    private static final String OTHER_FAILURE =
            "java.lang.OutOfMemoryError: Metaspace\n"
                    + "org.apache.flink.configuration.IllegalConfigurationException: Invalid"
                    + " configuration value for taskmanager.memory.network.min";

    @Test
    void aTakenPortIsRetriedWhileAttemptsAreLeft() {
        assertThat(BindFailure.retry(1, 3, REST_PORT_TAKEN)).isTrue();
        assertThat(BindFailure.retry(2, 3, RPC_PORT_TAKEN)).isTrue();
        assertThat(BindFailure.retry(3, 3, REST_PORT_TAKEN)).isFalse();
    }

    @Test
    void anyOtherFailureIsNotRetried() {
        assertThat(BindFailure.retry(1, 3, OTHER_FAILURE)).isFalse();
        assertThat(BindFailure.retry(1, 3, "")).isFalse();
    }

    @Test
    void readsEveryLogOfTheAttempt(@TempDir Path home) throws Exception {
        Path logDir = home.resolve("log");
        assertThat(BindFailure.logs(logDir)).isEmpty();
        Files.createDirectories(logDir);
        Files.writeString(logDir.resolve("taskmanager.log"), "registered at the JobManager");
        Files.writeString(logDir.resolve("jobmanager.out"), RPC_PORT_TAKEN);
        assertThat(BindFailure.in(BindFailure.logs(logDir))).isTrue();
    }
}
