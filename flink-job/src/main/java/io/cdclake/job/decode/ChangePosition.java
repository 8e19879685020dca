package io.cdclake.job.decode;

/**
 * Where a change event stands in PostgreSQL's WAL, as Debezium says in {@code source.sequence}
 * ({@code [last commit LSN, change LSN]}), and a fingerprint that tells apart the events at one
 * position. Streamed changes of one Kafka partition arrive in increasing position; rows read by a
 * snapshot all share the snapshot's LSN and are told apart by their key and values.
 */
public final class ChangePosition {

    /** For a position Debezium did not give. */
    public static final long UNKNOWN = -1L;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private boolean snapshotRead;
    private long commitLsn = UNKNOWN;
    private long changeLsn = UNKNOWN;
    private long fingerprint;

    /** A position as given, for code that keeps one apart from the decoder, which reuses its own. */
    public static ChangePosition of(boolean snapshotRead, long commitLsn, long changeLsn, long fingerprint) {
        ChangePosition position = new ChangePosition();
        position.snapshotRead = snapshotRead;
        position.commitLsn = commitLsn;
        position.changeLsn = changeLsn;
        position.fingerprint = fingerprint;
        return position;
    }

    /** A row read by a snapshot (op {@code r}), not streamed from the WAL. */
    public boolean snapshotRead() {
        return snapshotRead;
    }

    public long commitLsn() {
        return commitLsn;
    }

    public long changeLsn() {
        return changeLsn;
    }

    /**
     * The op and the Kafka key, and for a snapshot read also the row's values: two events at one
     * position (a primary-key change is a delete and a create with one LSN) differ in it, a re-sent
     * event does not.
     */
    public long fingerprint() {
        return fingerprint;
    }

    void read(String op, String snapshot, String sequence, Long lsn, byte[] key, byte[] value, int afterStart, int afterEnd)
            throws DecodeException {
        snapshotRead = "r".equals(op);
        commitLsn = UNKNOWN;
        changeLsn = lsn == null ? UNKNOWN : lsn;
        if (sequence != null) {
            parseSequence(sequence);
        }
        long h = mix(FNV_OFFSET, op.charAt(0));
        h = hash(h, key, 0, key == null ? 0 : key.length);
        if (snapshotRead && afterEnd > afterStart) {
            h = hash(h, value, afterStart, afterEnd);
        }
        fingerprint = h;
    }

    /** {@code ["123","456"]} or {@code [null,"456"]}: JSON text inside a string field. */
    private void parseSequence(String sequence) throws DecodeException {
        String text = sequence.trim();
        int comma = text.indexOf(',');
        if (!text.startsWith("[") || !text.endsWith("]") || comma < 0 || text.indexOf(',', comma + 1) >= 0) {
            throw new DecodeException("source.sequence '" + sequence + "' is not [commit LSN, change LSN]");
        }
        commitLsn = lsnOf(text.substring(1, comma), sequence);
        long change = lsnOf(text.substring(comma + 1, text.length() - 1), sequence);
        if (change != UNKNOWN) {
            changeLsn = change;
        }
    }

    private static long lsnOf(String part, String sequence) throws DecodeException {
        String item = part.trim();
        if (item.equals("null")) {
            return UNKNOWN;
        }
        if (item.length() < 3 || item.charAt(0) != '"' || item.charAt(item.length() - 1) != '"') {
            throw new DecodeException("source.sequence '" + sequence + "' holds '" + item + "', not a quoted LSN");
        }
        try {
            long lsn = Long.parseLong(item.substring(1, item.length() - 1));
            if (lsn < 0) {
                throw new NumberFormatException("negative");
            }
            return lsn;
        } catch (NumberFormatException e) {
            throw new DecodeException("source.sequence '" + sequence + "' holds '" + item + "', not an LSN");
        }
    }

    private static long hash(long h, byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            h = mix(h, bytes[i]);
        }
        return h;
    }

    private static long mix(long h, int b) {
        return (h ^ (b & 0xff)) * FNV_PRIME;
    }
}
