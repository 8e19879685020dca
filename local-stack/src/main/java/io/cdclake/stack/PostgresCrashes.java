package io.cdclake.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stops a running PostgreSQL the way a crash would and starts it again on the same data directory,
 * port and settings, so replication slots and committed data are where they were.
 *
 * <p>The stop is what {@code pg_ctl stop -m immediate} does, SIGQUIT to the postmaster: no
 * checkpoint, crash recovery at the next start. PostgreSQL refuses to run as root, which containers
 * often are; there the server starts in a user namespace of its own ({@code unshare -U}), as the
 * embedded server's first start does. The settings come from {@code postmaster.opts}, where the
 * server records the command line it was started with (the embedded server passes them there, not
 * in postgresql.conf).
 */
public final class PostgresCrashes {

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private PostgresCrashes() {}

    /** SIGQUIT to the postmaster; returns once it is gone. */
    public static void stopImmediately(Path dataDir) throws IOException, InterruptedException {
        long pid =
                Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        Process kill = new ProcessBuilder("kill", "-QUIT", String.valueOf(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -QUIT " + pid + " failed");
        }
        ProcessHandle postmaster = ProcessHandle.of(pid).orElse(null);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (postmaster != null && postmaster.isAlive()) {
            if (System.nanoTime() > deadline) {
                throw new IOException(
                        "PostgreSQL (pid " + pid + ") did not stop within " + TIMEOUT);
            }
            Thread.sleep(20);
        }
    }

    /**
     * Starts the server stopped by {@link #stopImmediately} again; returns once it accepts
     * connections. The server's output goes to {@code <data dir>-restarts.log}.
     */
    public static void start(Path dataDir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(binDir(dataDir).resolve("postgres").toString());
        command.add("-D");
        command.add(dataDir.toString());
        command.addAll(serverOptions(dataDir));
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-restarts.log");
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment()
                .put("LD_LIBRARY_PATH", binDir(dataDir).resolveSibling("lib").toString());
        Process server = builder.start();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!ready(dataDir, server.pid())) {
            if (!server.isAlive()) {
                throw new IOException("PostgreSQL exited while starting; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(
                        "PostgreSQL was not ready within " + TIMEOUT + "; see " + log);
            }
            Thread.sleep(50);
        }
    }

    /** The server's command-line options, without the binary and its data directory. */
    static List<String> serverOptions(Path dataDir) throws IOException {
        List<String> options = new ArrayList<>();
        Matcher m =
                QUOTED.matcher(
                        Files.readString(
                                dataDir.resolve("postmaster.opts"), StandardCharsets.UTF_8));
        while (m.find()) {
            options.add(m.group(1));
        }
        int d = options.indexOf("-D");
        if (d >= 0) {
            options.remove(d + 1);
            options.remove(d);
        }
        return options;
    }

    /**
     * The postmaster writes its pid and, once it accepts connections, {@code ready} into
     * postmaster.pid.
     */
    private static boolean ready(Path dataDir, long pid) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return false;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (IOException e) {
            return false; // Being rewritten.
        }
        return !lines.isEmpty()
                && lines.get(0).trim().equals(String.valueOf(pid))
                && lines.stream().anyMatch(line -> line.trim().equals("ready"));
    }

    /** The {@code postgres} binary the server was started with. */
    private static Path binDir(Path dataDir) throws IOException {
        String opts =
                Files.readString(dataDir.resolve("postmaster.opts"), StandardCharsets.UTF_8).trim();
        int end = opts.indexOf(" \"");
        return Path.of(end < 0 ? opts : opts.substring(0, end)).getParent();
    }
}
