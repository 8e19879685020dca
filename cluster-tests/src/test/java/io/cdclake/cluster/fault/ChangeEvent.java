package io.cdclake.cluster.fault;

/**
 * One change as the lake holds it: the row's key, {@code _op}, {@code _image} and the change's
 * {@code _lsn}. Two rows with equal events are the same change written twice.
 *
 * @param key the passenger id, null for a truncate
 * @param values a digest of the row's non-null table columns, so that two changes of one row at one
 *     LSN are told apart even if Debezium gave them the same position
 */
record ChangeEvent(String key, String op, String image, long lsn, int values) {

    /** The kind of change, without its position: what the database's audit log counts. */
    Kind kind() {
        return new Kind(key, op, image);
    }

    record Kind(String key, String op, String image) {}
}
