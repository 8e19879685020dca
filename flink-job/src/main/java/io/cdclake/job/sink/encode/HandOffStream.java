package io.cdclake.job.sink.encode;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.core.fs.FSDataOutputStream;

/**
 * The stream an encoder thread writes a part file into: bytes gather in chunks that the task thread
 * moves to the part file's real stream ({@link #moveTo}). The real stream is touched by the task
 * thread alone, as Flink's file sink expects (it reads the part file's size from that thread); the
 * encoder sees the position its bytes will have there.
 */
final class HandOffStream extends FSDataOutputStream {

    private static final int CHUNK = 64 * 1024;

    private final ConcurrentLinkedQueue<byte[]> chunks = new ConcurrentLinkedQueue<>();
    private byte[] current = new byte[CHUNK];
    private int used;
    private long position;

    HandOffStream(long startPosition) {
        this.position = startPosition;
    }

    @Override
    public long getPos() {
        return position;
    }

    @Override
    public void write(int b) {
        if (used == current.length) {
            publish();
        }
        current[used++] = (byte) b;
        position++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        while (length > 0) {
            if (used == current.length) {
                publish();
            }
            int n = Math.min(length, current.length - used);
            System.arraycopy(bytes, offset, current, used, n);
            used += n;
            offset += n;
            length -= n;
            position += n;
        }
    }

    /** Hands what was written so far to the task thread. */
    @Override
    public void flush() {
        if (used > 0) {
            publish();
        }
    }

    @Override
    public void sync() {
        flush();
    }

    /** The real stream stays open: the file sink closes it when it commits the part file. */
    @Override
    public void close() {
        flush();
    }

    private void publish() {
        byte[] full = used == current.length ? current : Arrays.copyOf(current, used);
        chunks.add(full);
        current = new byte[CHUNK];
        used = 0;
    }

    /** Writes the chunks handed over so far to {@code out}; called by the task thread. */
    void moveTo(FSDataOutputStream out) throws IOException {
        for (byte[] chunk = chunks.poll(); chunk != null; chunk = chunks.poll()) {
            out.write(chunk);
        }
    }
}
