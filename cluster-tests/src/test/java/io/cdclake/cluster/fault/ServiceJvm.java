package io.cdclake.cluster.fault;

import io.cdclake.stack.ChildJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a local-stack service main class in a JVM of its own, sized for a shared two-core machine.
 */
final class ServiceJvm {

    private ServiceJvm() {}

    static ChildJvm start(
            String name,
            Path workDir,
            String heap,
            Map<String, String> environment,
            String mainClass,
            List<String> args)
            throws IOException {
        List<String> options =
                new ArrayList<>(
                        List.of(
                                "-Xmx" + heap,
                                "-XX:+UseSerialGC",
                                "-XX:TieredStopAtLevel=1",
                                "--add-opens",
                                "java.base/java.lang=ALL-UNNAMED",
                                "--add-opens",
                                "java.base/java.util=ALL-UNNAMED",
                                "--add-opens",
                                "java.base/java.nio=ALL-UNNAMED",
                                "--add-opens",
                                "java.base/sun.nio.ch=ALL-UNNAMED"));
        return ChildJvm.builder(name, mainClass)
                .workDir(workDir)
                .jvmOptions(options)
                .classpath(ChildClasspath.get())
                .environment(environment)
                .args(args)
                .start();
    }
}
