package com.orderrouter.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;

/** Collects what one logger (and its children) logs while open, as "LEVEL message" lines. */
public final class LogCapture extends AbstractAppender implements AutoCloseable {

    private final Logger logger;
    private final boolean everyLevel;
    private final List<LogEvent> events = new CopyOnWriteArrayList<>();

    private LogCapture(String loggerName, boolean everyLevel) {
        super("capture-" + loggerName, null, null, true, Property.EMPTY_ARRAY);
        this.everyLevel = everyLevel;
        if (everyLevel) {
            // whatever the root level is by now (validate-routes sets it to ERROR in the JVM it runs in)
            Configurator.setLevel(loggerName, Level.ALL);
        }
        this.logger = (Logger) LogManager.getLogger(loggerName);
        start();
        logger.addAppender(this);
    }

    /** What the logger (the root logger for "") writes at the levels configured for it. */
    public static LogCapture of(String loggerName) {
        return new LogCapture(loggerName, false);
    }

    /** Everything one class logs, at every level. */
    public static LogCapture of(Class<?> type) {
        return new LogCapture(type.getName(), true);
    }

    @Override
    public void append(LogEvent event) {
        events.add(event.toImmutable());
    }

    /** Each event as {@code LEVEL message}, in order. */
    public List<String> lines() {
        return events.stream().map(e -> e.getLevel() + " " + e.getMessage().getFormattedMessage()).toList();
    }

    public List<LogEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        logger.removeAppender(this);
        if (everyLevel) {
            Configurator.setLevel(logger.getName(), (Level) null);
        }
        stop();
    }
}
