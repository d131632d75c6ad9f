package io.urlcheck.worker.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The records a logger and its children publish at or above a level while this is open: for proving what the worker
 * does not log. Vert.x logs through JUL (the JBoss log manager in tests), so a JUL handler sees its records.
 */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger; // held: JUL keeps loggers only weakly, and the handler must stay attached
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private CapturedLog(Logger logger, Level level) {
        this.logger = logger;
        setLevel(level);
        logger.addHandler(this);
    }

    /** Starts capturing what {@code loggerName} (and every logger under it) logs at {@code level} or above. */
    public static CapturedLog of(String loggerName, Level level) {
        return new CapturedLog(Logger.getLogger(loggerName), level);
    }

    /** Each captured record as {@code LEVEL logger: message}. */
    public List<String> lines() {
        return records.stream().map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()).toList();
    }

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
            records.add(record);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
