package io.cdclake.cli;

import io.cdclake.stack.LocalStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One {@code ./cdc-lake} command run in this JVM through {@link Main}, as the script runs it, with
 * what it printed.
 */
public record CommandRun(int code, String out, String err) {

    /** Everything printed, standard output first. */
    public String all() {
        return out + err;
    }

    /**
     * Runs {@code ./cdc-lake args} against an embedded stack: the database password in {@code
     * PGPASSWORD}, the S3 credentials in {@code LAKE_ACCESS_KEY} and {@code LAKE_SECRET_KEY}.
     */
    public static CommandRun of(LocalStack stack, String... args) {
        return of(
                Map.of(
                        "PGPASSWORD", stack.postgres().password(),
                        "LAKE_ACCESS_KEY", stack.s3().accessKey(),
                        "LAKE_SECRET_KEY", stack.s3().secretKey()),
                args);
    }

    public static CommandRun of(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                Main.run(
                        args,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        env);
        return new CommandRun(
                code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
