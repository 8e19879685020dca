package io.cdclake.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.stack.testing.StackExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FlinkServiceITCase {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.of("flink", b -> b.s3().flink(0, 2));

    @Test
    void jobsRunOnTheMiniClusterAndTheirTasksReachS3() throws Exception {
        LocalStack stack = STACK.stack();
        String bucket = stack.s3().bucket();
        StreamExecutionEnvironment env = stack.flink().environment(2);
        List<String> written = new ArrayList<>();
        try (CloseableIterator<String> results =
                env.fromData(1, 2, 3, 4)
                        .map(new WriteToS3("s3://" + bucket + "/flink-it/"))
                        .executeAndCollect("s3 from tasks")) {
            results.forEachRemaining(written::add);
        }
        assertThat(written).hasSize(4);
        for (String uri : written) {
            try (InputStream in =
                    new org.apache.flink.core.fs.Path(uri)
                            .getFileSystem()
                            .open(new org.apache.flink.core.fs.Path(uri))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .startsWith("value ");
            }
        }
        assertThat(STACK.workDir().resolve("s3").resolve(bucket).resolve("flink-it"))
                .isDirectoryContaining("glob:**/part-4.txt");

        // The web UI and REST API answer on the advertised URL, and know the job.
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> overview =
                http.send(
                        HttpRequest.newBuilder(stack.flink().restUrl().resolve("/jobs/overview"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("s3 from tasks");
        HttpResponse<String> ui =
                http.send(
                        HttpRequest.newBuilder(stack.flink().restUrl().resolve("/")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("<html");

        // A job submitted asynchronously is visible through the cluster handle.
        StreamExecutionEnvironment second = stack.flink().environment(1);
        second.fromData("a")
                .map(s -> s)
                .sinkTo(new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>());
        JobClient client = second.executeAsync("async");
        client.getJobExecutionResult().get();
        assertThat(
                        stack.flink()
                                .miniCluster()
                                .getJobStatus(client.getJobID())
                                .get()
                                .isGloballyTerminalState())
                .isTrue();
    }

    /** Writes one object per element from inside a task, returning its URI. */
    private static final class WriteToS3 implements MapFunction<Integer, String> {
        private final String prefix;

        WriteToS3(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public String map(Integer value) throws Exception {
            org.apache.flink.core.fs.Path path =
                    new org.apache.flink.core.fs.Path(prefix + "part-" + value + ".txt");
            try (OutputStream out =
                    path.getFileSystem().create(path, FileSystem.WriteMode.OVERWRITE)) {
                out.write(("value " + value).getBytes(StandardCharsets.UTF_8));
            }
            return path.toString();
        }
    }
}
