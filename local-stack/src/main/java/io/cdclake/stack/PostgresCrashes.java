package io.cdclake.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stops a running PostgreSQL the way a crash would ({@code pg_ctl stop -m immediate}: no
 * checkpoint, crash recovery at the next start) and starts it again on the same data directory,
 * port and settings, so replication slots and committed data are where they were.
 *
 * <p>The settings come from {@code postmaster.opts}, where the server records the command line it
 * was started with (the embedded server passes them there, not in postgresql.conf).
 */
public final class PostgresCrashes {

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    private PostgresCrashes() {}

    /** {@code pg_ctl stop -m immediate}; returns once the server is gone. */
    public static void stopImmediately(Path dataDir) throws IOException, InterruptedException {
        pgCtl(dataDir, List.of("-D", dataDir.toString(), "-m", "immediate", "-w", "-t", "60", "stop"));
    }

    /** Starts the server stopped by {@link #stopImmediately} again; returns once it accepts connections. */
    public static void start(Path dataDir) throws IOException, InterruptedException {
        List<String> options = serverOptions(dataDir);
        StringBuilder quoted = new StringBuilder();
        for (String option : options) {
            quoted.append(quoted.length() == 0 ? "" : " ").append('\'').append(option.replace("'", "'\\''")).append('\'');
        }
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-restarts.log");
        pgCtl(dataDir, List.of("-D", dataDir.toString(), "-o", quoted.toString(), "-l", log.toString(), "-w", "-t", "120", "start"));
    }

    /** The server's command-line options, without the binary and its data directory. */
    static List<String> serverOptions(Path dataDir) throws IOException {
        List<String> options = new ArrayList<>();
        Matcher m = QUOTED.matcher(Files.readString(dataDir.resolve("postmaster.opts"), StandardCharsets.UTF_8));
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

    /** The {@code postgres} binary the server was started with; pg_ctl lies next to it. */
    private static Path binDir(Path dataDir) throws IOException {
        String opts = Files.readString(dataDir.resolve("postmaster.opts"), StandardCharsets.UTF_8).trim();
        int end = opts.indexOf(" \"");
        return Path.of(end < 0 ? opts : opts.substring(0, end)).getParent();
    }

    private static void pgCtl(Path dataDir, List<String> args) throws IOException, InterruptedException {
        Path bin = binDir(dataDir);
        List<String> command = new ArrayList<>();
        command.add(bin.resolve("pg_ctl").toString());
        command.addAll(args);
        Path output = Files.createTempFile("pg_ctl", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("LD_LIBRARY_PATH", bin.resolveSibling("lib").toString());
            Process process = builder.start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("pg_ctl " + String.join(" ", args) + " did not end within 3 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IOException("pg_ctl " + String.join(" ", args) + " exited with " + process.exitValue() + ": "
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
