package io.postern.orchestrator.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.Level;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchingConsoleAppenderTest {

    private final LoggerContext ctx = new LoggerContext();

    private BatchingConsoleAppender<ILoggingEvent> appender(PrintStream out, int capacity) {
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern("%msg%n");
        enc.start();
        BatchingConsoleAppender<ILoggingEvent> a = new BatchingConsoleAppender<>(() -> out, capacity);
        a.setContext(ctx);
        a.setEncoder(enc);
        a.start();
        return a;
    }

    private ILoggingEvent event(String msg) {
        return new LoggingEvent(getClass().getName(), ctx.getLogger("t"), Level.INFO, msg, null, null);
    }

    @Test
    void everyLineFromManyThreadsIsWrittenOnceAndStopFlushesTheRest() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // a small queue, so that loggers must wait for room: nothing may be dropped
        BatchingConsoleAppender<ILoggingEvent> a = appender(new PrintStream(bytes, false, StandardCharsets.UTF_8), 16);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    a.doAppend(event("t" + id + " line " + i));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        a.stop();
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(20_000).doesNotHaveDuplicates();
        for (int t = 0; t < 4; t++) {
            String prefix = "t" + t + " ";
            List<String> mine = lines.stream().filter(l -> l.startsWith(prefix)).toList();
            assertThat(mine).as("one thread's lines keep their order").hasSize(5_000)
                    .startsWith(prefix + "line 0").endsWith(prefix + "line 4999");
            for (int i = 0; i < mine.size(); i++) {
                assertThat(mine.get(i)).isEqualTo(prefix + "line " + i);
            }
        }
    }

    @Test
    void linesAreWrittenInBatchesNotOneWriteEach() throws Exception {
        AtomicInteger writes = new AtomicInteger();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CountDownLatch allQueued = new CountDownLatch(1);
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                try {
                    allQueued.await(); // the writer is held back until every line is queued
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                writes.incrementAndGet();
                bytes.write(b, off, len);
            }
        };
        BatchingConsoleAppender<ILoggingEvent> a = appender(new PrintStream(counting, false, StandardCharsets.UTF_8),
                100_000);
        for (int i = 0; i < 20_000; i++) {
            a.doAppend(event("line " + i));
        }
        allQueued.countDown();
        a.stop();
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).hasSize(20_000);
        // at most one write with the first line, then one per drained batch (4096 lines of < 64 KB)
        assertThat(writes.get()).as("writes for 20,000 lines").isLessThanOrEqualTo(1 + 20_000 / 4096 + 1);
    }

    @Test
    void aLineLoggedJustBeforeStopIsNotLost() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BatchingConsoleAppender<ILoggingEvent> a = appender(new PrintStream(bytes, false, StandardCharsets.UTF_8), 64);
        a.doAppend(event("last words"));
        a.stop();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("last words\n");
    }
}
