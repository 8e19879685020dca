package io.cdclake.job.sink.encode;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.util.function.ThrowingRunnable;

/**
 * A part file's writer whose encoding runs on an encoder thread: the task thread collects rows in
 * batches and hands each batch over, so decoding the next events overlaps with encoding the last
 * ones. The wrapped writer is only ever called from the encoder thread, in order; its bytes reach
 * the part file through a {@link HandOffStream}, moved by the task thread.
 *
 * <p>Nothing is lost or hidden: a batch that fails makes the next call of the task thread ({@link
 * #addElement}, {@link #flush}, {@link #finish}) throw, which fails the task, and Flink restarts it
 * from the last checkpoint, discarding this part file. {@link #finish} returns only once every row
 * handed over is in the file. At most {@link #MAX_BATCHES_IN_FLIGHT} batches wait, so a slow
 * encoder slows the task thread (and backpressure reaches the source) instead of filling memory.
 */
final class OffThreadWriter<T> implements BulkWriter<T> {

    static final int BATCH_ROWS = 256;
    static final int MAX_BATCHES_IN_FLIGHT = 4;

    private final BulkWriter<T> writer;
    private final FSDataOutputStream out;
    private final HandOffStream handOff;
    private final Executor encoder;
    private final ArrayDeque<FutureTask<Void>> inFlight = new ArrayDeque<>();
    private Object[] batch = new Object[BATCH_ROWS];
    private int batched;

    /** Set by the encoder thread when a batch failed, so later batches do not write after it. */
    private volatile boolean failed;

    OffThreadWriter(BulkWriter.Factory<T> writers, FSDataOutputStream out, Executor encoder)
            throws IOException {
        this.out = out;
        this.handOff = new HandOffStream(out.getPos());
        this.writer = writers.create(handOff);
        this.encoder = encoder;
    }

    @Override
    public void addElement(T element) throws IOException {
        batch[batched++] = element;
        if (batched == BATCH_ROWS) {
            handOverBatch();
            while (inFlight.size() > MAX_BATCHES_IN_FLIGHT) {
                await(inFlight.poll());
            }
            while (!inFlight.isEmpty() && inFlight.peek().isDone()) {
                await(inFlight.poll());
            }
            handOff.moveTo(out);
        }
    }

    @Override
    public void flush() throws IOException {
        everything(writer::flush);
    }

    @Override
    public void finish() throws IOException {
        everything(writer::finish);
    }

    /** Hands over the last rows, runs {@code step} after them, and moves every byte out. */
    private void everything(ThrowingRunnable<IOException> step) throws IOException {
        handOverBatch();
        run(step);
        handOff.moveTo(out);
        out.flush();
    }

    @SuppressWarnings("unchecked")
    private void handOverBatch() {
        if (batched == 0) {
            return;
        }
        Object[] rows = batch;
        int count = batched;
        batch = new Object[BATCH_ROWS];
        batched = 0;
        submit(
                () -> {
                    for (int i = 0; i < count; i++) {
                        writer.addElement((T) rows[i]);
                    }
                    handOff.flush();
                });
    }

    /** Runs {@code step} on the encoder after every batch handed over, and waits for all. */
    private void run(ThrowingRunnable<IOException> step) throws IOException {
        submit(
                () -> {
                    step.run();
                    handOff.flush();
                });
        while (!inFlight.isEmpty()) {
            await(inFlight.poll());
        }
    }

    private void submit(ThrowingRunnable<IOException> step) {
        FutureTask<Void> task =
                new FutureTask<>(
                        () -> {
                            if (failed) {
                                throw new IOException("an earlier batch of this part file failed");
                            }
                            try {
                                step.run();
                            } catch (IOException | RuntimeException | Error e) {
                                failed = true;
                                throw e;
                            }
                            return null;
                        });
        inFlight.add(task);
        encoder.execute(task);
    }

    private static void await(FutureTask<Void> task) throws IOException {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the part file was being encoded");
        } catch (CancellationException e) {
            throw new IOException("the part file's encoding was cancelled", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new IOException("encoding the part file failed: " + io.getMessage(), io);
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException("encoding the part file failed: " + cause, cause);
        }
    }
}
