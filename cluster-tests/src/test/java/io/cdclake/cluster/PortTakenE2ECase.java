package io.cdclake.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.stack.Dirs;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A port picked for the JobManager is taken before it binds it: the cluster starts again with fresh
 * ports, and the failed start's logs are kept aside.
 */
class PortTakenE2ECase {

    @Test
    void aClusterWhoseRestPortIsTakenStartsAgainWithOtherPorts() throws Exception {
        Path home = Path.of("target", "e2e", "port-taken").toAbsolutePath();
        Dirs.deleteRecursively(home);
        Files.createDirectories(home);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicInteger picks = new AtomicInteger();
            // The first pick is the REST port: hand out the one this test holds.
            try (StandaloneCluster cluster =
                    StandaloneCluster.start(
                            FlinkDistribution.fromBuild(),
                            home,
                            Map.of(),
                            () ->
                                    picks.getAndIncrement() == 0
                                            ? taken.getLocalPort()
                                            : StandaloneCluster.freePort())) {
                assertThat(cluster.restUrl().getPort()).isNotEqualTo(taken.getLocalPort());
                assertThat(picks.get()).as("ports picked over two attempts").isEqualTo(4);
                try (Stream<Path> entries = Files.list(home)) {
                    List<Path> failed =
                            entries.filter(
                                            p ->
                                                    p.getFileName()
                                                            .toString()
                                                            .startsWith("failed-start-1-"))
                                    .toList();
                    assertThat(failed).hasSize(1);
                    assertThat(BindFailure.logs(failed.get(0).resolve("log")))
                            .contains("BindException");
                }
                assertThat(BindFailure.logs(home.resolve("log"))).doesNotContain("BindException");
            }
        }
    }
}
