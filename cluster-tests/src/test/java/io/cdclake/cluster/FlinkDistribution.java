package io.cdclake.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The parts of a Flink distribution the build lays out under target/flink (lib/ and plugins/), and
 * the job jar to run on it.
 */
public record FlinkDistribution(Path lib, Path plugins, Path jobJar) {

    public static FlinkDistribution fromBuild() {
        String dist = System.getProperty("cdclake.flink.dist");
        String jar = System.getProperty("cdclake.job.jar");
        if (dist == null || jar == null) {
            throw new IllegalStateException(
                    "cdclake.flink.dist and cdclake.job.jar are set by Maven (failsafe); run with"
                            + " ./mvnw verify");
        }
        Path home = Path.of(dist).toAbsolutePath();
        FlinkDistribution distribution =
                new FlinkDistribution(
                        home.resolve("lib"),
                        home.resolve("plugins"),
                        Path.of(jar).toAbsolutePath());
        if (!Files.isRegularFile(distribution.jobJar()) || !Files.isDirectory(distribution.lib())) {
            throw new IllegalStateException(
                    "missing " + distribution.jobJar() + " or " + distribution.lib());
        }
        return distribution;
    }

    /** lib/*.jar in name order, as bin/config.sh puts them on the classpath. */
    String classpath() {
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(p -> p.toString().endsWith(".jar"))
                    .sorted()
                    .map(Path::toString)
                    .collect(Collectors.joining(File.pathSeparator));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
