package io.cdclake.cli.verify;

import static io.cdclake.job.testing.DebeziumEvents.Field;
import static io.cdclake.job.testing.DebeziumEvents.Kind;
import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.cli.CommandRun;
import io.cdclake.job.source.KafkaChange;
import io.cdclake.job.testing.DebeziumEvents;
import io.cdclake.job.testing.JobWrittenLake;
import io.cdclake.stack.FlinkFileSystems;
import io.cdclake.stack.PostgresService;
import io.cdclake.stack.S3Service;
import io.cdclake.stack.testing.StackExtension;
import java.io.OutputStream;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ./cdc-lake verify} on a lake in S3 (a real S3 server), with credentials from environment
 * variables; incomplete multipart uploads that Flink's own S3 writer leaves behind are listed.
 */
class VerifyCommandS3ITCase {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.of("verify-s3", b -> b.postgres().s3());

    private static final List<Field> FIELDS =
            List.of(Field.key("id", Kind.INT32), Field.of("name", Kind.STRING));

    private static Path workDir;
    private static PostgresService postgres;
    private static S3Service s3;

    @BeforeAll
    static void start() throws Exception {
        workDir = STACK.workDir();
        postgres = STACK.postgres();
        s3 = STACK.s3();
    }

    /**
     * Copies a local lake's files to {@code s3://<bucket>/<base>/} through Flink's S3 file system.
     */
    private static String upload(JobWrittenLake lake, String base) throws Exception {
        Configuration conf = new Configuration();
        s3.flinkS3Options().forEach(conf::setString);
        FlinkFileSystems.initializeWithS3(conf, workDir);
        String root = "s3://" + s3.bucket() + "/" + base.replaceAll("/+$", "");
        try (Stream<Path> files = Files.walk(lake.dir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                org.apache.flink.core.fs.Path target =
                        new org.apache.flink.core.fs.Path(
                                root
                                        + "/"
                                        + lake.dir()
                                                .relativize(file)
                                                .toString()
                                                .replace('\\', '/'));
                try (OutputStream out =
                        target.getFileSystem().create(target, FileSystem.WriteMode.OVERWRITE)) {
                    Files.copy(file, out);
                }
            }
        }
        return root;
    }

    private static CommandRun verify(String lakeRoot, String... options) {
        List<String> args =
                new java.util.ArrayList<>(
                        List.of(
                                "verify",
                                "--table",
                                "public.people",
                                "--jdbc-url",
                                postgres.jdbcUrl(),
                                "--user",
                                postgres.user(),
                                "--lake",
                                lakeRoot,
                                "--s3-endpoint",
                                s3.endpoint(),
                                "--s3-access-key-env",
                                "LAKE_ACCESS_KEY",
                                "--s3-secret-key-env",
                                "LAKE_SECRET_KEY",
                                "--work-dir",
                                workDir.resolve("verify").toString()));
        args.addAll(List.of(options));
        return CommandRun.of(
                Map.of(
                        "PGPASSWORD",
                        postgres.password(),
                        "LAKE_ACCESS_KEY",
                        s3.accessKey(),
                        "LAKE_SECRET_KEY",
                        s3.secretKey()),
                args.toArray(String[]::new));
    }

    private static List<KafkaChange> changes;

    /** The people table, created once, and its changes as Debezium would report them. */
    private static synchronized List<KafkaChange> peopleChanges() throws Exception {
        if (changes != null) {
            return changes;
        }
        DebeziumEvents events = new DebeziumEvents("public", "people", FIELDS);
        try (Connection c = postgres.connect();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE people (id int PRIMARY KEY, name text)");
            st.execute("INSERT INTO people SELECT g, 'person ' || g FROM generate_series(1, 50) g");
            changes =
                    new java.util.ArrayList<>(
                            events.snapshot(
                                    events.readRows(c, "SELECT * FROM people ORDER BY id")));
            st.execute("UPDATE people SET name = 'renamed' WHERE id = 7");
            changes.add(
                    events.update(null, events.readRow(c, "SELECT * FROM people WHERE id = 7")));
        }
        return changes;
    }

    @Test
    void verifiesALakeInS3() throws Exception {
        List<KafkaChange> changes = peopleChanges();
        JobWrittenLake matching = new JobWrittenLake(workDir.resolve("local-matching"));
        matching.write(changes);
        CommandRun ok = verify(upload(matching, "verify-it/matching") + "/");
        assertThat(ok.err()).isEmpty();
        assertThat(ok.code()).as(ok.out()).isZero();
        assertThat(ok.out())
                .contains("in lake s3://" + s3.bucket() + "/verify-it/matching\n")
                .contains("csv:      1 file, 51 rows, compared with the Parquet rows")
                .contains("warning: incomplete uploads: 0 older than 1h\n")
                .contains("OK: the lake matches the database (50 rows)")
                .doesNotContain(s3.secretKey());

        JobWrittenLake stale = new JobWrittenLake(workDir.resolve("local-stale"));
        stale.write(changes.subList(0, changes.size() - 1));
        CommandRun mismatch = verify(upload(stale, "verify-it/stale"));
        assertThat(mismatch.code()).isEqualTo(1);
        assertThat(mismatch.out())
                .contains("id=7  name: lake 'person 7', database 'renamed'")
                .doesNotContain(s3.secretKey());
    }

    @Test
    void listsTheIncompleteUploadsFlinksS3WriterLeavesBehind() throws Exception {
        JobWrittenLake lake = new JobWrittenLake(workDir.resolve("local-leftovers"));
        lake.write(peopleChanges());
        String root = upload(lake, "verify-it/leftovers");

        // A part file Flink's S3 writer was writing when its task failed: the upload started, the
        // data was persisted for a checkpoint, the stream was closed, and nothing completed the
        // upload.
        org.apache.flink.core.fs.Path part =
                new org.apache.flink.core.fs.Path(
                        root + "/parquet/public.people/dt=2026-11-23/part-abandoned-0.parquet");
        org.apache.flink.core.fs.RecoverableFsDataOutputStream stream =
                part.getFileSystem().createRecoverableWriter().open(part);
        stream.write(
                "rows of a part file that was never committed".getBytes(StandardCharsets.UTF_8));
        stream.persist();
        stream.close();

        CommandRun young = verify(root);
        assertThat(young.err()).isEmpty();
        assertThat(young.code()).as(young.out()).isZero();
        assertThat(young.out())
                .contains(
                        "warning: incomplete uploads: 0 older than 1h (and 1 younger, likely still"
                                + " being written)\n");

        // s3proxy reports the time of the listing as an upload's start (MinIO and AWS the real
        // one), so only an age of zero shows it as a leftover here.
        CommandRun old = verify(root, "--leftover-age", "0s");
        assertThat(old.code()).as(old.out()).isZero();
        assertThat(old.out())
                .contains(
                        "warning: incomplete uploads: 1 older than 0s\n"
                            + "     "
                            + " verify-it/leftovers/parquet/public.people/dt=2026-11-23/part-abandoned-0.parquet"
                            + " (started ")
                .endsWith("OK: the lake matches the database (50 rows)\n")
                .doesNotContain(s3.secretKey());
    }
}
