package io.cdclake.stack;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of its own, started by this one: the one launcher of child JVMs (the S3 server, the cluster
 * tests' Flink, Kafka and Connect processes, the benchmarks' broker and consumers). It starts
 * through {@link ChildProcessLauncher}, so it ends with this JVM even when this one is killed
 * without running its shutdown hooks; a shutdown hook stops it on a normal exit. Its output goes to
 * a log file.
 */
public final class ChildJvm implements AutoCloseable {

    private static final String LAUNCHER_RESOURCE =
            ChildProcessLauncher.class.getName().replace('.', '/') + ".class";

    private final String name;
    private final Process process;
    private final Path log;
    private final Duration stopGrace;
    private final Thread shutdownHook;

    private ChildJvm(String name, Process process, Path log, Duration stopGrace) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stopGrace = stopGrace;
        this.shutdownHook = new Thread(this::stop, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * A child JVM named {@code name} (its log and its shutdown hook carry the name) that runs
     * {@code mainClass}.
     */
    public static Builder builder(String name, String mainClass) {
        return new Builder(name, mainClass);
    }

    /**
     * This JVM's class path: Surefire may start a test JVM with a manifest-only jar and publish the
     * real class path in a property.
     */
    public static String currentClasspath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire == null || surefire.isBlank()
                ? System.getProperty("java.class.path")
                : surefire;
    }

    /** How a child JVM is started. */
    public static final class Builder {
        private final String name;
        private final String mainClass;
        private Path workDir;
        private final List<String> jvmOptions = new ArrayList<>();
        private String classpath = currentClasspath();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> args = new ArrayList<>();
        private Path log;
        private boolean appendLog;
        private Duration stopGrace = Duration.ofSeconds(15);

        private Builder(String name, String mainClass) {
            this.name = name;
            this.mainClass = mainClass;
        }

        /** Its working directory; the launcher is copied under it. Required. */
        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        public Builder jvmOptions(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        /** Its class path; this JVM's by default. */
        public Builder classpath(String classpath) {
            this.classpath = classpath;
            return this;
        }

        public Builder environment(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        public Builder args(List<String> arguments) {
            args.addAll(arguments);
            return this;
        }

        /** Where its output goes; {@code <workDir>/log/<name>.out}, overwritten, by default. */
        public Builder log(Path file, boolean append) {
            this.log = file;
            this.appendLog = append;
            return this;
        }

        /** How long {@link #close} waits for it to end after SIGTERM before SIGKILL. */
        public Builder stopGrace(Duration grace) {
            this.stopGrace = grace;
            return this;
        }

        public ChildJvm start() throws IOException {
            if (workDir == null) {
                throw new IllegalStateException("a child JVM needs a working directory");
            }
            Path launcherDir = workDir.resolve("launcher");
            Dirs.extractResource(LAUNCHER_RESOURCE, launcherDir.resolve(LAUNCHER_RESOURCE));
            Path output = log != null ? log : workDir.resolve("log").resolve(name + ".out");
            Files.createDirectories(output.getParent());
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(launcherDir + File.pathSeparator + classpath);
            command.add(ChildProcessLauncher.class.getName());
            command.add(mainClass);
            command.addAll(args);
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .directory(workDir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(
                                    appendLog
                                            ? ProcessBuilder.Redirect.appendTo(output.toFile())
                                            : ProcessBuilder.Redirect.to(output.toFile()));
            builder.environment().putAll(environment);
            return new ChildJvm(name, builder.start(), output, stopGrace);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything it printed so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Waits for it to end and returns its exit code; stops it and fails after {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            stop();
            throw new IllegalStateException(
                    name + " did not end within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    /** Waits until it prints a line containing {@code text}; fails if it ends first. */
    public void awaitOutput(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended:\n" + output());
            }
            if (output().contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " never printed '" + text + "':\n" + output());
    }

    /**
     * Waits for it to end, which it must with 0, and returns the last line it printed that starts
     * with {@code prefix}, without the prefix.
     */
    public String awaitResult(String prefix) throws InterruptedException {
        int exit = process.waitFor();
        String output = output();
        if (exit != 0) {
            throw new IllegalStateException(name + " exited with " + exit + ":\n" + output);
        }
        List<String> lines = output.lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return lines.get(i).substring(prefix.length());
            }
        }
        throw new IllegalStateException(name + " printed no " + prefix + ":\n" + output);
    }

    /** SIGKILL, as a crash or the OOM killer would end it: no shutdown hooks, no flushing. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        close();
    }

    /** Stops it and its children: SIGTERM, then SIGKILL after the grace period. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook does the same.
        }
    }

    private void stop() {
        ProcessTrees.destroy(process, stopGrace);
    }
}
