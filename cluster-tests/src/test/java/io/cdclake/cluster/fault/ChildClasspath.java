package io.cdclake.cluster.fault;

import io.cdclake.stack.ChildJvm;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The classpath of this test JVM, for service processes started from the same jars. */
final class ChildClasspath {

    private ChildClasspath() {}

    /**
     * This JVM's class path ({@link ChildJvm#currentClasspath}). The shaded job jar is left out: it
     * bundles the Kafka connector's older Kafka client, which a broker reading its own storage
     * cannot run with.
     */
    static String get() {
        String classpath = ChildJvm.currentClasspath();
        String jobJar = System.getProperty("cdclake.job.jar");
        Path excluded = jobJar == null ? null : Path.of(jobJar).toAbsolutePath().normalize();
        return Arrays.stream(classpath.split(File.pathSeparator))
                .filter(
                        entry ->
                                excluded == null
                                        || !Path.of(entry)
                                                .toAbsolutePath()
                                                .normalize()
                                                .equals(excluded))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
