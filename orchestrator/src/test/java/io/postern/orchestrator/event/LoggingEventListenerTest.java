package io.postern.orchestrator.event;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.postern.spa.Rejection;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingEventListenerTest {

    private final Logger serve = (Logger) LoggerFactory.getLogger("io.postern.serve");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Level saved;

    @BeforeEach
    void attach() {
        saved = serve.getLevel();
        serve.setLevel(Level.INFO);
        lines.start();
        serve.addAppender(lines);
    }

    @AfterEach
    void detach() {
        serve.detachAppender(lines);
        serve.setLevel(saved);
    }

    @Test
    void aReplayIsLoggedOnceAtInfoAndItsRepeatsNotAtAll() {
        LoggingEventListener l = new LoggingEventListener();
        InetSocketAddress src = new InetSocketAddress("198.18.0.9", 40000);
        l.packetRejected(src, null, Rejection.REPLAY, "replay: packet digest already seen");
        for (int i = 0; i < 1000; i++) {
            l.packetRejected(src, null, Rejection.REPLAY, LoggingEventListener.REPEATED_REPLAY);
        }
        l.packetRejected(src, null, Rejection.HMAC, "no matching stanza's HMAC verifies");
        assertThat(lines.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.INFO);
            assertThat(e.getFormattedMessage()).contains("rejected REPLAY");
        });
    }

    @Test
    void atDebugTheRepeatsAreThereAsDebugLines() {
        serve.setLevel(Level.DEBUG);
        new LoggingEventListener().packetRejected(new InetSocketAddress("198.18.0.9", 40000), null, Rejection.REPLAY,
                LoggingEventListener.REPEATED_REPLAY);
        assertThat(lines.list).singleElement().extracting(ILoggingEvent::getLevel).isEqualTo(Level.DEBUG);
    }
}
