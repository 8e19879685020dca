package io.cdclake.job.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Where a change event stands in PostgreSQL's WAL, as Debezium says in {@code source.sequence}
 * ({@code [last commit LSN, change LSN]}), and a fingerprint of what it carries. Streamed changes
 * of one Kafka partition arrive in increasing position; several may share one position (the rows of
 * one COPY batch, a primary-key change), and identical rows of a table without a key have equal
 * fingerprints, so neither alone identifies a change: see {@code ReplayFilter} for how they are
 * used. Rows read by a snapshot all share the snapshot's LSN.
 */
public final class ChangePosition {

    /** For a position Debezium did not give. */
    public static final long UNKNOWN = -1L;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private boolean snapshotRead;
    private boolean incrementalRead;
    private boolean snapshotStart;
    private boolean create;
    private long commitLsn = UNKNOWN;
    private long changeLsn = UNKNOWN;
    private long fingerprint;

    /**
     * A position as given, for code that keeps one apart from the decoder, which reuses its own.
     */
    public static ChangePosition streamed(
            long commitLsn, long changeLsn, char op, long fingerprint) {
        ChangePosition position = new ChangePosition();
        position.create = op == 'c';
        position.commitLsn = commitLsn;
        position.changeLsn = changeLsn;
        position.fingerprint = fingerprint;
        return position;
    }

    /**
     * A snapshot read; {@code first} when Debezium marks it the first of its snapshot or of its
     * table ({@code source.snapshot} {@code first} or {@code first_in_data_collection}).
     */
    public static ChangePosition read(long snapshotLsn, long fingerprint, boolean first) {
        ChangePosition position = new ChangePosition();
        position.snapshotRead = true;
        position.create = true;
        position.snapshotStart = first;
        position.changeLsn = snapshotLsn;
        position.fingerprint = fingerprint;
        return position;
    }

    /** A read of an incremental snapshot ({@code capture snapshot}), at its place in the stream. */
    public static ChangePosition incrementalRead(long fingerprint) {
        ChangePosition position = read(UNKNOWN, fingerprint, false);
        position.incrementalRead = true;
        return position;
    }

    /**
     * A row read by an initial or blocking snapshot (op {@code r}), not streamed from the WAL and
     * not read by an incremental snapshot.
     */
    public boolean snapshotRead() {
        return snapshotRead && !incrementalRead;
    }

    /**
     * A read of an incremental snapshot: interleaved with streamed changes, read again whenever
     * asked to, and never taken for a copy.
     */
    public boolean incrementalRead() {
        return incrementalRead;
    }

    /** The first read of a snapshot attempt, or of one table in it, as Debezium marks it. */
    public boolean snapshotStart() {
        return snapshotStart;
    }

    /**
     * A create: the only op of which one WAL record yields many events (a COPY batch is one
     * multi-insert record, its rows share one LSN). Any other op yields at most one event of a
     * table per record.
     */
    public boolean create() {
        return create;
    }

    public long commitLsn() {
        return commitLsn;
    }

    public long changeLsn() {
        return changeLsn;
    }

    /**
     * The table, the op, the Kafka key and the after image as the connector wrote it: an event sent
     * again has the same, and so do identical rows of a table without a key (they are told apart by
     * counting, not by the fingerprint).
     */
    public long fingerprint() {
        return fingerprint;
    }

    void read(
            int tableSeed,
            String op,
            String snapshot,
            String sequence,
            Long lsn,
            byte[] key,
            byte[] value,
            int afterStart,
            int afterEnd)
            throws DecodeException {
        snapshotRead = "r".equals(op);
        incrementalRead = snapshotRead && "incremental".equals(snapshot);
        snapshotStart =
                snapshotRead
                        && ("first".equals(snapshot)
                                || "first_in_data_collection".equals(snapshot));
        create = snapshotRead || "c".equals(op);
        commitLsn = UNKNOWN;
        changeLsn = lsn == null ? UNKNOWN : lsn;
        if (sequence != null) {
            parseSequence(sequence);
        }
        long h = (FNV_OFFSET ^ tableSeed) * GOLDEN;
        h = mix(h, op.isEmpty() ? 0 : op.charAt(0));
        // The key's length separates key and image, so bytes cannot move from one to the other.
        h = (h ^ (key == null ? -1L : key.length)) * GOLDEN;
        h = hash(h, key, 0, key == null ? 0 : key.length);
        if (afterEnd > afterStart) {
            h = hash(h, value, afterStart, afterEnd);
        }
        fingerprint = h;
    }

    /**
     * {@code ["123","456"]} or {@code [null,"456"]}: JSON text inside a string field. Read by hand,
     * without substrings, as it comes with every event.
     */
    private void parseSequence(String sequence) throws DecodeException {
        int[] at = {0};
        expect(sequence, at, '[');
        commitLsn = lsnAt(sequence, at);
        expect(sequence, at, ',');
        long change = lsnAt(sequence, at);
        expect(sequence, at, ']');
        skipSpaces(sequence, at);
        if (at[0] != sequence.length()) {
            throw notASequence(sequence);
        }
        if (change != UNKNOWN) {
            changeLsn = change;
        }
    }

    private static long lsnAt(String text, int[] at) throws DecodeException {
        skipSpaces(text, at);
        int i = at[0];
        if (text.startsWith("null", i)) {
            at[0] = i + 4;
            return UNKNOWN;
        }
        if (i >= text.length() || text.charAt(i) != '"') {
            throw notASequence(text);
        }
        long value = 0;
        int digits = 0;
        for (i++; i < text.length() && text.charAt(i) != '"'; i++, digits++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9' || digits >= 19) {
                throw notASequence(text);
            }
            value = value * 10 + (c - '0');
        }
        if (digits == 0 || i >= text.length() || value < 0) {
            throw notASequence(text);
        }
        at[0] = i + 1;
        return value;
    }

    private static void expect(String text, int[] at, char c) throws DecodeException {
        skipSpaces(text, at);
        if (at[0] >= text.length() || text.charAt(at[0]) != c) {
            throw notASequence(text);
        }
        at[0]++;
    }

    private static void skipSpaces(String text, int[] at) {
        while (at[0] < text.length() && text.charAt(at[0]) == ' ') {
            at[0]++;
        }
    }

    private static DecodeException notASequence(String sequence) {
        return new DecodeException(
                "source.sequence '"
                        + sequence
                        + "' is not [commit LSN, change LSN] of quoted LSNs");
    }

    /**
     * Eight bytes a step: a snapshot row's values are hashed for every read, so this is on the hot
     * path.
     */
    private static long hash(long h, byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            h = (h ^ (long) LONGS.get(bytes, i)) * GOLDEN;
            h ^= h >>> 29;
        }
        for (; i < to; i++) {
            h = mix(h, bytes[i]);
        }
        return h;
    }

    private static long mix(long h, int b) {
        return (h ^ (b & 0xff)) * FNV_PRIME;
    }
}
