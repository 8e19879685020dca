package io.cdclake.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class FailureAdviceTest {

    private static final URI CONNECT = URI.create("http://connect:8083/");

    @Test
    void aTooLargeEventNamesTheLimitsAndTheTaskRestart() {
        String advice =
                FailureAdvice.forConnectorTask(
                        "Caused by: org.apache.kafka.common.errors.RecordTooLargeException: The"
                                + " message is 3146040 bytes",
                        CONNECT,
                        "pg",
                        0);

        assertThat(advice)
                .contains(
                        "producer.override.max.request.size",
                        "message.max.bytes",
                        "fetch.max.bytes")
                .contains("curl -X POST http://connect:8083/connectors/pg/tasks/0/restart")
                .contains("last committed offset");
    }

    @Test
    void anyOtherFailurePointsToTheWholeTraceAndTheRestart() {
        String advice =
                FailureAdvice.forConnectorTask(
                        "java.lang.IllegalStateException: boom", CONNECT, "pg", 1);

        assertThat(advice)
                .doesNotContain("max.request.size")
                .contains("curl http://connect:8083/connectors/pg/status")
                .contains("curl -X POST http://connect:8083/connectors/pg/tasks/1/restart");
    }

    @Test
    void aJobThatStoppedIsResumedFromACheckpointOneThatRestartsNeedsNothing() {
        URI flink = URI.create("http://flink:8081/");

        assertThat(FailureAdvice.forJob("FAILED", flink, "abc"))
                .contains("flink run -s")
                .contains("http://flink:8081/jobs/abc/exceptions");
        assertThat(FailureAdvice.forJob("RESTARTING", flink, "abc"))
                .contains("last completed checkpoint")
                .doesNotContain("flink run");
    }
}
