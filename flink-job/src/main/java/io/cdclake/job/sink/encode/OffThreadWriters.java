package io.cdclake.job.sink.encode;

import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;

/**
 * Writers of one format whose encoding runs beside the task thread ({@link OffThreadWriter}). Each
 * sink subtask gets one encoder thread for all its part files, so their batches keep their order;
 * the thread ends after a few idle seconds, so a cancelled or finished task leaves none behind.
 */
public final class OffThreadWriters<T> implements BulkWriter.Factory<T> {

    private static final long serialVersionUID = 1L;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final BulkWriter.Factory<T> writers;
    private final String name;
    private transient ThreadPoolExecutor encoder;

    /**
     * @param writers the format's writers, called from the encoder thread only
     * @param name the format, for the encoder thread's name
     */
    public OffThreadWriters(BulkWriter.Factory<T> writers, String name) {
        this.writers = writers;
        this.name = name;
    }

    @Override
    public BulkWriter<T> create(FSDataOutputStream out) throws IOException {
        return new OffThreadWriter<>(writers, out, encoder());
    }

    private synchronized ThreadPoolExecutor encoder() {
        if (encoder == null) {
            // Unbounded queue: each writer bounds its own batches in flight.
            encoder =
                    new ThreadPoolExecutor(
                            1,
                            1,
                            5,
                            TimeUnit.SECONDS,
                            new LinkedBlockingQueue<>(),
                            task -> {
                                Thread thread =
                                        new Thread(
                                                task,
                                                name + " encoder " + THREADS.incrementAndGet());
                                thread.setDaemon(true);
                                return thread;
                            });
            encoder.allowCoreThreadTimeOut(true);
        }
        return encoder;
    }
}
