package io.cdclake.cli.verify;

import static io.cdclake.cli.verify.DebeziumEvents.Field;
import static io.cdclake.cli.verify.DebeziumEvents.Kind;
import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.job.source.KafkaChange;
import io.cdclake.stack.FlinkFileSystems;
import io.cdclake.stack.PostgresService;
import io.cdclake.stack.S3Service;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ./cdc-lake verify} on a lake in S3 (a real S3 server), with credentials from environment variables. */
class VerifyCommandS3ITCase {

    private static final List<Field> FIELDS = List.of(Field.key("id", Kind.INT32), Field.of("name", Kind.STRING));

    private static Path workDir;
    private static PostgresService postgres;
    private static S3Service s3;

    @BeforeAll
    static void start() throws Exception {
        workDir = Files.createTempDirectory("cdc-lake-verify-s3-it");
        postgres = PostgresService.start(workDir, 0);
        s3 = S3Service.start(workDir, 0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        // Flink loads the S3 plugin once per JVM, from the first work folder that asked: it stays for later tests.
        try (Stream<Path> children = Files.list(workDir)) {
            for (Path child : children.filter(p -> !p.getFileName().toString().equals("flink-plugins")).toList()) {
                TestLake.deleteRecursively(child);
            }
        }
    }

    /** Copies a local lake's files to {@code s3://<bucket>/<base>/} through Flink's S3 file system. */
    private static String upload(TestLake lake, String base) throws Exception {
        Configuration conf = new Configuration();
        s3.flinkS3Options().forEach(conf::setString);
        FlinkFileSystems.initializeWithS3(conf, workDir);
        String root = "s3://" + s3.bucket() + "/" + base.replaceAll("/+$", "");
        try (Stream<Path> files = Files.walk(lake.dir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                org.apache.flink.core.fs.Path target = new org.apache.flink.core.fs.Path(
                        root + "/" + lake.dir().relativize(file).toString().replace('\\', '/'));
                try (OutputStream out = target.getFileSystem().create(target, FileSystem.WriteMode.OVERWRITE)) {
                    Files.copy(file, out);
                }
            }
        }
        return root;
    }

    private record Run(int exitCode, String out, String err) {}

    private static Run verify(String lakeRoot) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VerifyCommand.run(
                new String[] {"--table", "public.people", "--jdbc-url", postgres.jdbcUrl(), "--user", postgres.user(),
                    "--lake", lakeRoot, "--s3-endpoint", s3.endpoint(),
                    "--s3-access-key-env", "LAKE_ACCESS_KEY", "--s3-secret-key-env", "LAKE_SECRET_KEY",
                    "--work-dir", workDir.resolve("verify").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("PGPASSWORD", postgres.password(), "LAKE_ACCESS_KEY", s3.accessKey(), "LAKE_SECRET_KEY", s3.secretKey()));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void verifiesALakeInS3() throws Exception {
        DebeziumEvents events = new DebeziumEvents("public", "people", FIELDS);
        List<KafkaChange> changes;
        try (Connection c = postgres.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE people (id int PRIMARY KEY, name text)");
            st.execute("INSERT INTO people SELECT g, 'person ' || g FROM generate_series(1, 50) g");
            changes = new java.util.ArrayList<>(events.snapshot(events.readRows(c, "SELECT * FROM people ORDER BY id")));
            st.execute("UPDATE people SET name = 'renamed' WHERE id = 7");
            changes.add(events.update(null, events.readRow(c, "SELECT * FROM people WHERE id = 7")));
        }
        TestLake matching = new TestLake(workDir.resolve("local-matching"));
        matching.write(changes);
        Run ok = verify(upload(matching, "verify-it/matching") + "/");
        assertThat(ok.err()).isEmpty();
        assertThat(ok.exitCode()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("in lake s3://" + s3.bucket() + "/verify-it/matching\n")
                .contains("OK: the lake matches the database (50 rows)")
                .doesNotContain(s3.secretKey());

        TestLake stale = new TestLake(workDir.resolve("local-stale"));
        stale.write(changes.subList(0, changes.size() - 1));
        Run mismatch = verify(upload(stale, "verify-it/stale"));
        assertThat(mismatch.exitCode()).isEqualTo(1);
        assertThat(mismatch.out()).contains("id=7  name: lake 'person 7', database 'renamed'").doesNotContain(s3.secretKey());
    }
}
