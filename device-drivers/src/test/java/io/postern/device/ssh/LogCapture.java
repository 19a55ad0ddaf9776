package io.postern.device.ssh;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;

/** Records every log event (DEBUG and up for Postern and MINA) while open. */
final class LogCapture implements AutoCloseable {

    private static final String[] LOGGERS = {"io.postern", "org.apache.sshd"};

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level[] saved = new Level[LOGGERS.length];

    LogCapture() {
        appender.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(appender);
        for (int i = 0; i < LOGGERS.length; i++) {
            Logger l = (Logger) LoggerFactory.getLogger(LOGGERS[i]);
            saved[i] = l.getLevel();
            l.setLevel(Level.DEBUG);
        }
    }

    /** Every event as text: level, logger, formatted message, and the messages of its throwable chain. */
    synchronized List<String> lines() {
        List<String> out = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(appender.list)) {
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
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
        for (int i = 0; i < LOGGERS.length; i++) {
            ((Logger) LoggerFactory.getLogger(LOGGERS[i])).setLevel(saved[i]);
        }
        appender.stop();
    }
}
