package io.cdclake.job.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM of its own on this test's classpath, so that a peer of the job (the broker, a ceiling
 * consumer) never shares its heap, JIT or garbage collector with the Flink mini cluster.
 */
final class BenchmarkJvm implements AutoCloseable {

    private final Process process;
    private final Path log;

    private BenchmarkJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static BenchmarkJvm start(Path workDir, String name, String heap, Class<?> main, String... args)
            throws IOException {
        return start(workDir, name, heap, main.getName(), args);
    }

    static BenchmarkJvm start(
            Path workDir, String name, String heap, String mainClass, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx" + heap);
        command.add("-cp");
        // Surefire may start this JVM with a manifest-only jar and publish the real class path.
        String classpath = System.getProperty("surefire.test.class.path");
        command.add(
                classpath == null || classpath.isBlank()
                        ? System.getProperty("java.class.path")
                        : classpath);
        // Ends with this JVM even when it is killed (the child watches its parent).
        command.add("io.cdclake.stack.ChildProcessLauncher");
        command.add(mainClass);
        command.addAll(List.of(args));
        Path log = workDir.resolve(name + ".log");
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        return new BenchmarkJvm(process, log);
    }

    /** Waits for the exit and returns the last line starting with {@code prefix}, without it. */
    String awaitResult(String prefix) throws IOException, InterruptedException {
        int exit = process.waitFor();
        List<String> lines = Files.readAllLines(log);
        if (exit != 0) {
            throw new IllegalStateException(
                    log.getFileName() + " exited with " + exit + ": " + String.join("\n", lines));
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return lines.get(i).substring(prefix.length());
            }
        }
        throw new IllegalStateException(log.getFileName() + " printed no " + prefix);
    }

    /** Waits until the process prints a line containing {@code text}. */
    void awaitOutput(String text, java.time.Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        log.getFileName() + " exited: " + Files.readString(log));
            }
            if (Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(log.getFileName() + " never printed " + text);
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
