package io.postern.orchestrator.log;

import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The log appender of {@code serve}: lines are formatted on the thread that logs them, then written to the
 * console by one writer thread that takes whatever has queued up and writes it with one system call.
 *
 * <p>Why: a console appender writes and flushes every line, one {@code write(2)} each; at tens of
 * thousands of packets per second that was ~40 % of a packet's cost on the worker thread (profile in
 * docs/performance.md). Here the worker only encodes and enqueues.
 *
 * <p>Nothing is dropped: when the queue is full the logging thread waits for room. Lines keep the order in
 * which they were enqueued. {@link #stop()} (called by the shutdown hook {@code serve} installs, and by
 * logback's own reset) writes everything still queued before it returns. A SIGKILL loses only lines not yet
 * written, normally none: the writer wakes as soon as a line is queued.
 */
public final class BatchingConsoleAppender<E> extends UnsynchronizedAppenderBase<E> {

    private static final int MAX_BATCH_BYTES = 64 * 1024;
    private static final byte[] STOP = new byte[0];

    private final Supplier<PrintStream> target;
    private final int capacity;
    private Encoder<E> encoder;
    private BlockingQueue<byte[]> queue;
    private Thread writer;

    /** An appender writing to whatever {@code target} returns at each write (e.g. {@code () -> System.out}). */
    public BatchingConsoleAppender(Supplier<PrintStream> target, int capacity) {
        this.target = target;
        this.capacity = capacity;
    }

    public void setEncoder(Encoder<E> encoder) {
        this.encoder = encoder;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("no encoder for appender " + name);
            return;
        }
        queue = new ArrayBlockingQueue<>(capacity);
        writer = new Thread(this::drainLoop, "postern-log-writer");
        writer.setDaemon(true);
        writer.start();
        super.start();
    }

    @Override
    protected void append(E event) {
        byte[] line = encoder.encode(event);
        try {
            queue.put(line);
        } catch (InterruptedException e) {
            // keep the line: write it here rather than lose it, and keep the interrupt for the caller
            Thread.currentThread().interrupt();
            write(List.of(line));
        }
    }

    private void drainLoop() {
        List<byte[]> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, 4096);
            boolean stop = batch.remove(STOP);
            write(batch);
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(MAX_BATCH_BYTES);

    private void write(List<byte[]> lines) {
        synchronized (buffer) {
            PrintStream out = target.get();
            for (byte[] line : lines) {
                if (buffer.size() + line.length > MAX_BATCH_BYTES && buffer.size() > 0) {
                    out.write(buffer.toByteArray(), 0, buffer.size());
                    buffer.reset();
                }
                buffer.write(line, 0, line.length);
            }
            if (buffer.size() > 0) {
                out.write(buffer.toByteArray(), 0, buffer.size());
                buffer.reset();
            }
            out.flush();
        }
    }

    /** Writes every line queued so far, then stops the writer. */
    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        try {
            queue.put(STOP);
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<byte[]> rest = new ArrayList<>();
        queue.drainTo(rest);
        rest.remove(STOP);
        write(rest);
    }
}
