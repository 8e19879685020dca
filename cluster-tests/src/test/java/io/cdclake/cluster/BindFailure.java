package io.cdclake.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whether a cluster that did not start lost a port it was given. The ports written to config.yaml
 * were free when picked, but another process (a test, an ephemeral client port) may take one before
 * the JobManager binds it; the JobManager then logs a {@code BindException} and exits. Starting
 * again with other ports fixes that, and nothing else.
 */
final class BindFailure {

    /** How the JVM, Netty (REST) and Pekko (RPC) say that a port is taken. */
    private static final List<String> SIGNS =
            List.of("java.net.BindException", "Address already in use", "Failed to bind");

    private BindFailure() {}

    /** True when {@code log} tells that a port could not be bound. */
    static boolean in(String log) {
        return SIGNS.stream().anyMatch(log::contains);
    }

    /**
     * Whether a start that failed in attempt {@code attempt} (from 1) of {@code maxAttempts} is
     * tried again: only when a port was taken and attempts are left.
     */
    static boolean retry(int attempt, int maxAttempts, String logs) {
        return attempt < maxAttempts && in(logs);
    }

    /** The text of every file in {@code logDir}: the processes' logs and their output. */
    static String logs(Path logDir) {
        if (!Files.isDirectory(logDir)) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(logDir)) {
            for (Path file : files.sorted().toList()) {
                text.append(Files.readString(file, StandardCharsets.UTF_8)).append('\n');
            }
        } catch (IOException e) {
            // A log that cannot be read tells nothing about ports.
        }
        return text.toString();
    }
}
