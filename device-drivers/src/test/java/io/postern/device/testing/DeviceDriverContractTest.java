package io.postern.device.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.postern.device.DeviceDriver;
import io.postern.device.DeviceException;
import io.postern.device.GrantContext;
import io.postern.device.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * What every {@link DeviceDriver} must do, whatever the device: open-then-close leaves the device as it
 * was; close is idempotent (twice, or without an open); a time-out, a refused connection or an error
 * answer is a failed step ({@link DeviceException}) and never a success; and the device's secret appears
 * in no log line, result or exception message, on the good path or the bad.
 *
 * <p>A subclass supplies a fake device with readable state, a driver for it, a grant whose sequences use the
 * device's secret, and the same with each {@link Fault} injected (the role of OkHttp's {@code SocketPolicy}).
 * One fresh device per test: {@link #driver()} and {@link #grant()} are called after the subclass's
 * {@code @BeforeEach}.
 */
public abstract class DeviceDriverContractTest {

    /** Faults a subclass injects. */
    public enum Fault {
        /** The device does not answer within the step's limit. */
        TIMEOUT,
        /** The device cannot be reached (connection refused, program missing). */
        REFUSED,
        /** The device answers with an error (non-zero exit, 5xx, {@code % Invalid input}). */
        ERROR_ANSWER
    }

    /** A driver and a grant with one fault injected. */
    public record Faulty(DeviceDriver driver, GrantContext grant) {
    }

    /** An upper bound on any faulty call; subclasses inject time-outs well below it. */
    protected static final Duration FAULT_BOUND = Duration.ofSeconds(8);

    private final List<DeviceDriver> drivers = new ArrayList<>();

    /** The driver of a healthy device; may be called several times (same device). */
    protected abstract DeviceDriver driver() throws Exception;

    /** A grant whose open adds one entry to the device and whose close removes it, using {@link #secret()}. */
    protected abstract GrantContext grant() throws Exception;

    /** A snapshot of the device's state that {@code equals} another when the device is the same. */
    protected abstract Object deviceState() throws Exception;

    /** The secret the device needs (password, token); it must never be logged or reported. */
    protected abstract String secret();

    /** A driver and grant for the same kind of device with {@code fault} injected. */
    protected abstract Faulty withFault(Fault fault) throws Exception;

    private DeviceDriver tracked(DeviceDriver d) {
        drivers.add(d);
        return d;
    }

    @AfterEach
    void shutDownDrivers() {
        drivers.forEach(DeviceDriver::shutdown);
    }

    @Test
    void openThenCloseLeavesTheDeviceAsItWas() throws Exception {
        DeviceDriver d = tracked(driver());
        Object before = deviceState();
        List<StepResult> opened = d.open(grant());
        assertThat(opened).isNotEmpty().allMatch(StepResult::succeeded);
        assertThat(deviceState()).as("open must change the device").isNotEqualTo(before);
        assertThat(d.close(grant())).allMatch(StepResult::succeeded);
        assertThat(deviceState()).isEqualTo(before);
    }

    @Test
    void closeIsIdempotent() throws Exception {
        DeviceDriver d = tracked(driver());
        Object before = deviceState();
        assertThat(d.close(grant())).as("close of a grant never opened").allMatch(StepResult::succeeded);
        d.open(grant());
        d.close(grant());
        assertThat(d.close(grant())).as("second close").allMatch(StepResult::succeeded);
        assertThat(deviceState()).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aFaultIsAFailedStepNeverASuccess(Fault fault) throws Exception {
        Faulty f = withFault(fault);
        tracked(f.driver());
        long start = System.nanoTime();
        assertThatThrownBy(() -> f.driver().open(f.grant())).isInstanceOfSatisfying(DeviceException.class, e -> {
            assertThat(e.device()).isEqualTo(f.driver().deviceName());
            assertThat(e.results()).isNotEmpty();
            StepResult last = e.results().get(e.results().size() - 1);
            assertThat(last.succeeded()).isFalse();
            assertThat(last.timedOut()).isEqualTo(fault == Fault.TIMEOUT);
        });
        assertThatThrownBy(() -> f.driver().close(f.grant())).isInstanceOf(DeviceException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAULT_BOUND);
    }

    @Test
    void secretsNeverAppearInTheLogResultsOrMessages() throws Exception {
        String secret = secret();
        List<String> reported = new ArrayList<>();
        try (CapturedLog log = CapturedLog.start()) {
            DeviceDriver d = tracked(driver());
            d.open(grant()).forEach(r -> reported.add(r.toString() + r.output()));
            d.close(grant()).forEach(r -> reported.add(r.toString() + r.output()));
            for (Fault fault : Fault.values()) {
                Faulty f = withFault(fault);
                tracked(f.driver());
                for (boolean open : new boolean[] {true, false}) {
                    try {
                        if (open) {
                            f.driver().open(f.grant());
                        } else {
                            f.driver().close(f.grant());
                        }
                        fail("a faulty device must fail: " + fault);
                    } catch (DeviceException e) {
                        reported.add(e.getMessage());
                        e.results().forEach(r -> reported.add(r.toString() + r.output()));
                    }
                }
            }
            assertThat(log.lines()).isNotEmpty().noneMatch(l -> l.contains(secret));
        }
        assertThat(reported).isNotEmpty().noneMatch(l -> l.contains(secret));
    }

    /** Records every log event (DEBUG and up for {@code io.postern}) while open. Thread-safe. */
    public static final class CapturedLog implements AutoCloseable {

        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
        private final Logger postern = (Logger) LoggerFactory.getLogger("io.postern");
        private final Level saved = postern.getLevel();

        private CapturedLog() {
            appender.start();
            root().addAppender(appender);
            postern.setLevel(Level.DEBUG);
        }

        public static CapturedLog start() {
            return new CapturedLog();
        }

        private static Logger root() {
            return (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        }

        /** Every event: level, logger, formatted message, arguments and the throwable chain's messages. */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            List<ILoggingEvent> events;
            synchronized (appender) {
                events = List.copyOf(appender.list);
            }
            for (ILoggingEvent e : events) {
                StringBuilder b = new StringBuilder(e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage());
                for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                    b.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
                }
                out.add(b.toString());
            }
            return out;
        }

        @Override
        public void close() {
            root().detachAppender(appender);
            postern.setLevel(saved);
        }
    }
}
