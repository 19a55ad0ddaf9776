package io.postern.orchestrator.event;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Attaches the audit log file to the {@value #LOGGER} logger at run time: a Logback file appender
 * with the {@link AuditJsonEncoder}, appending, additivity off so audit records never reach the human
 * log (and human lines never reach the audit file). Without an audit file the logger has no appender
 * and records go nowhere.
 */
public final class AuditLog implements AutoCloseable {

    /** The SLF4J logger the audit records are written to. */
    public static final String LOGGER = "io.postern.audit";

    private final Logger logger;
    private final FileAppender<ILoggingEvent> appender;

    private AuditLog(Logger logger, FileAppender<ILoggingEvent> appender) {
        this.logger = logger;
        this.appender = appender;
    }

    /**
     * Opens (appends to) {@code file}, creating its folder.
     *
     * @throws IOException when the file cannot be opened for writing
     */
    public static AuditLog open(Path file) throws IOException {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            throw new IOException("the audit log needs Logback as the SLF4J backend");
        }
        Path abs = file.toAbsolutePath();
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        AuditJsonEncoder encoder = new AuditJsonEncoder();
        encoder.setContext(ctx);
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setName("AUDIT");
        appender.setContext(ctx);
        appender.setFile(abs.toString());
        appender.setAppend(true);
        appender.setImmediateFlush(true);
        appender.setEncoder(encoder);
        appender.start();
        if (!appender.isStarted()) {
            throw new IOException("cannot open the audit log " + abs + " for writing");
        }
        Logger logger = ctx.getLogger(LOGGER);
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
        return new AuditLog(logger, appender);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
