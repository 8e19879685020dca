package io.cdclake.cli;

import io.cdclake.stack.LocalStack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./cdc-lake verify}, {@code query} and {@code compact} on an embedded stack's lake, run as
 * a user runs them (through {@link CommandRun}), with the S3 server's endpoint and credentials
 * filled in.
 *
 * @param lakeRoot e.g. {@code s3://<bucket>/<base path>}
 * @param workDir where the commands keep their downloads
 */
record StackCommands(LocalStack stack, String lakeRoot, Path workDir) {

    /** {@code verify ARGS} against the database at {@code jdbcUrl}, both formats. */
    CommandRun verifyAt(String jdbcUrl, String... args) {
        List<String> all = new ArrayList<>(List.of("verify"));
        all.addAll(List.of(args));
        all.addAll(
                List.of(
                        "--jdbc-url",
                        jdbcUrl,
                        "--user",
                        stack.postgres().user(),
                        "--lake",
                        lakeRoot));
        all.addAll(s3Options());
        all.addAll(List.of("--work-dir", workDir.resolve("verify").toString()));
        return CommandRun.of(stack, all.toArray(String[]::new));
    }

    /** {@code verify ARGS} against the stack's own database. */
    CommandRun verify(String... args) {
        return verifyAt(stack.postgres().jdbcUrl(), args);
    }

    /** {@code verify ARGS} from the current-state tables of the stack's own database. */
    CommandRun verifyStates(String... args) {
        List<String> all = new ArrayList<>(catalogOptions());
        all.addAll(List.of(args));
        return verify(all.toArray(String[]::new));
    }

    /** {@code query ARGS}. */
    CommandRun query(String... args) {
        List<String> all = new ArrayList<>(List.of("query", "--lake", lakeRoot));
        all.addAll(s3Options());
        all.addAll(List.of("--work-dir", workDir.resolve("query").toString()));
        all.addAll(List.of(args));
        return CommandRun.of(stack, all.toArray(String[]::new));
    }

    /** {@code compact ARGS}, the catalog in the stack's own database. */
    CommandRun compact(String... args) {
        List<String> all = new ArrayList<>(List.of("compact", "--lake", lakeRoot));
        all.addAll(s3Options());
        all.addAll(catalogOptions());
        all.addAll(List.of("--work-dir", workDir.resolve("compact").toString()));
        all.addAll(List.of(args));
        return CommandRun.of(stack, all.toArray(String[]::new));
    }

    /** {@code expire ARGS}, the catalog in the stack's own database. */
    CommandRun expire(String... args) {
        List<String> all = new ArrayList<>(List.of("expire", "--lake", lakeRoot));
        all.addAll(s3Options());
        all.addAll(catalogOptions());
        all.addAll(List.of("--work-dir", workDir.resolve("expire").toString()));
        all.addAll(List.of(args));
        return CommandRun.of(stack, all.toArray(String[]::new));
    }

    /** {@code query ARGS} reading the current-state tables of the stack's own database. */
    CommandRun queryStates(String... args) {
        List<String> all = new ArrayList<>(catalogOptions());
        all.addAll(List.of(args));
        return query(all.toArray(String[]::new));
    }

    private List<String> catalogOptions() {
        return List.of(
                "--catalog-jdbc-url",
                stack.postgres().jdbcUrl(),
                "--catalog-user",
                stack.postgres().user());
    }

    private List<String> s3Options() {
        return List.of(
                "--s3-endpoint",
                stack.s3().endpoint(),
                "--s3-access-key-env",
                "LAKE_ACCESS_KEY",
                "--s3-secret-key-env",
                "LAKE_SECRET_KEY");
    }
}
