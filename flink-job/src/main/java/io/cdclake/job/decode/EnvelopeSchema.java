package io.cdclake.job.decode;

/**
 * What a Debezium value schema describes: a table's change events, a logical message, or neither.
 */
record EnvelopeSchema(Kind kind, String name, TableSchema table) {

    enum Kind {
        /** An envelope with before/after images of a table's rows. */
        TABLE_CHANGE,
        /** A logical decoding message ({@code pg_logical_emit_message}), op {@code m}. */
        LOGICAL_MESSAGE,
        /** Heartbeats and transaction metadata: no row change, skipped. */
        NOT_A_CHANGE
    }
}
