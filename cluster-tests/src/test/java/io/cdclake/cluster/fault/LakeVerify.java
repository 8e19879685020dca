package io.cdclake.cluster.fault;

import io.cdclake.stack.PostgresService;
import io.cdclake.stack.S3Service;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code ./cdc-lake verify} on one table, through the command's own entry point, reading the lake
 * from S3.
 */
final class LakeVerify {

    /** The command's exit code and what it printed. */
    record Outcome(int exitCode, String output) {

        boolean matched() {
            return exitCode == 0;
        }

        String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private LakeVerify() {}

    /**
     * @param table {@code schema.table}
     */
    static Outcome run(FaultChain chain, String table, Path report) throws IOException {
        PostgresService pg = chain.postgres();
        S3Service s3 = chain.s3();
        List<String> args =
                List.of(
                        "verify",
                        "--table",
                        table,
                        "--jdbc-url",
                        pg.jdbcUrl(),
                        "--user",
                        pg.user(),
                        "--password-env",
                        "FAULTS_PG_PASSWORD",
                        "--lake",
                        chain.lakeRoot(),
                        "--s3-endpoint",
                        s3.endpoint(),
                        "--s3-access-key-env",
                        "FAULTS_S3_ACCESS_KEY",
                        "--s3-secret-key-env",
                        "FAULTS_S3_SECRET_KEY",
                        "--work-dir",
                        chain.workDir().resolve("verify").toString(),
                        "--max-examples",
                        "3");
        Map<String, String> env =
                Map.of(
                        "FAULTS_PG_PASSWORD", pg.password(),
                        "FAULTS_S3_ACCESS_KEY", s3.accessKey(),
                        "FAULTS_S3_SECRET_KEY", s3.secretKey());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = io.cdclake.cli.Main.run(args.toArray(String[]::new), print, print, env);
        String output = out.toString(StandardCharsets.UTF_8);
        Files.writeString(report, output, StandardCharsets.UTF_8);
        return new Outcome(exit, output);
    }
}
