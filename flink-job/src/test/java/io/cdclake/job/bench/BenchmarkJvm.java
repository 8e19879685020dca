package io.cdclake.job.bench;

import io.cdclake.stack.ChildJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A JVM of its own on this test's classpath, so that a peer of the job (the broker, a ceiling
 * consumer) never shares its heap, JIT or garbage collector with the Flink mini cluster; its log is
 * {@code <workDir>/<name>.log}.
 */
final class BenchmarkJvm {

    private BenchmarkJvm() {}

    static ChildJvm start(Path workDir, String name, String heap, Class<?> main, String... args)
            throws IOException {
        return start(workDir, name, heap, main.getName(), args);
    }

    static ChildJvm start(Path workDir, String name, String heap, String mainClass, String... args)
            throws IOException {
        return ChildJvm.builder(name, mainClass)
                .workDir(workDir)
                .jvmOptions(List.of("-Xmx" + heap))
                .args(List.of(args))
                .log(workDir.resolve(name + ".log"), false)
                .start();
    }
}
