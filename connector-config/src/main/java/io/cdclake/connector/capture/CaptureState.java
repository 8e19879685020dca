package io.cdclake.connector.capture;

/** Where a table stands between the database and Kafka. */
public enum CaptureState {
    /** Captured: changes stream, and no snapshot of it is pending or running. */
    STREAMING("streaming"),
    /** Debezium is reading the table's existing rows, chunk by chunk, while changes stream. */
    SNAPSHOT_RUNNING("snapshot running"),
    /** A snapshot of it waits until the table before it in Debezium's queue is done. */
    SNAPSHOT_QUEUED("snapshot queued"),
    /** A snapshot was requested, and the connector has not read the request yet. */
    WAITING_FOR_SNAPSHOT("waiting for first snapshot"),
    /**
     * Selected by the include list or the publication but not by both, or the table is gone:
     * nothing arrives.
     */
    NOT_CAPTURED("not captured");

    private final String label;

    CaptureState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
