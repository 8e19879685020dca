package io.cdclake.cluster;

import io.cdclake.stack.ProcessTrees;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM with its output in a log file. It starts through local-stack's ChildProcessLauncher,
 * so it also dies when this JVM is killed without running shutdown hooks.
 */
public final class JavaProcess implements AutoCloseable {

    private static final String LAUNCHER_CLASS = "io.cdclake.stack.ChildProcessLauncher";
    private static final String LAUNCHER_RESOURCE = LAUNCHER_CLASS.replace('.', '/') + ".class";

    private final String name;
    private final Process process;
    private final Path output;
    private final Thread shutdownHook;

    private JavaProcess(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
        this.shutdownHook = new Thread(this::destroy, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static JavaProcess start(
            String name,
            Path workDir,
            List<String> jvmOptions,
            String classpath,
            Map<String, String> environment,
            String mainClass,
            List<String> args)
            throws IOException {
        Path launcherDir = installLauncher(workDir.resolve("launcher"));
        Path output = workDir.resolve("log").resolve(name + ".out");
        Files.createDirectories(output.getParent());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(launcherDir + File.pathSeparator + classpath);
        command.add(LAUNCHER_CLASS);
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.to(output.toFile()));
        builder.environment().putAll(environment);
        return new JavaProcess(name, builder.start(), output);
    }

    private static Path installLauncher(Path dir) throws IOException {
        Path target = dir.resolve(LAUNCHER_RESOURCE);
        if (!Files.exists(target)) {
            Files.createDirectories(target.getParent());
            try (InputStream in =
                    JavaProcess.class.getClassLoader().getResourceAsStream(LAUNCHER_RESOURCE)) {
                if (in == null) {
                    throw new IOException(
                            LAUNCHER_RESOURCE + " is not on the classpath (cdc-lake-local-stack)");
                }
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end; returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            destroy();
            throw new AssertionError(name + " did not end within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + output + ": " + e + ")";
        }
    }

    /** SIGKILL, as a crash or the OOM killer would end it: no shutdown hooks, no flushing. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        close();
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook does the same.
        }
    }

    private void destroy() {
        ProcessTrees.destroy(process, Duration.ofSeconds(15));
    }
}
