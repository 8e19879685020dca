package io.cdclake.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TracesTest {

    private static final String TRACE =
            String.join(
                    "\n",
                    "org.apache.kafka.connect.errors.ConnectException: Unrecoverable exception from"
                            + " producer send callback",
                    "\tat org.apache.kafka.connect.runtime.WorkerSourceTask.maybeThrowProducerSendException(WorkerSourceTask.java:340)",
                    "Caused by: org.apache.kafka.common.KafkaException: wrapped",
                    "\tat x.y(Z.java:1)",
                    "Caused by: org.apache.kafka.common.errors.RecordTooLargeException: The message"
                            + " is 3146040 bytes when serialized",
                    "\t... 9 more");

    @Test
    void firstLineAndRootCause() {
        assertThat(Traces.firstLine(TRACE))
                .isEqualTo(
                        "org.apache.kafka.connect.errors.ConnectException: Unrecoverable exception"
                                + " from producer send callback");
        assertThat(Traces.rootCause(TRACE))
                .isEqualTo(
                        "org.apache.kafka.common.errors.RecordTooLargeException: The message is"
                                + " 3146040 bytes when serialized");
    }

    @Test
    void aTraceWithoutCauseHasNoRootCause() {
        assertThat(Traces.firstLine("java.lang.IllegalStateException: boom\n\tat a.b(C.java:1)"))
                .isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(Traces.rootCause("java.lang.IllegalStateException: boom")).isEmpty();
        assertThat(Traces.firstLine(null)).isEmpty();
        assertThat(Traces.firstLine("  ")).isEmpty();
    }
}
