package com.orderrouter.routes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;

/**
 * The events one logger writes while a test runs, with their context data (the MDC), e.g. the per-message line of
 * ProcessingOutcomes. Attach with {@link #of(Class)}, detach with {@link #close()}.
 */
final class CapturedLogs extends AbstractAppender implements AutoCloseable {

    /** One logged event: its message and MDC. */
    record Line(String message, Map<String, String> mdc) {
    }

    private final Logger logger;
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private CapturedLogs(Logger logger) {
        super("captured-" + logger.getName(), null, null, true, Property.EMPTY_ARRAY);
        this.logger = logger;
    }

    static CapturedLogs of(Class<?> source) {
        // every level, whatever the root is set to by now (validate-routes sets it to ERROR in this JVM)
        Configurator.setLevel(source.getName(), Level.ALL);
        Logger logger = (Logger) LogManager.getLogger(source);
        CapturedLogs captured = new CapturedLogs(logger);
        captured.start();
        logger.addAppender(captured);
        return captured;
    }

    @Override
    public void append(LogEvent event) {
        lines.add(new Line(event.getMessage().getFormattedMessage(), new HashMap<>(event.getContextData().toMap())));
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logger.removeAppender(this);
        Configurator.setLevel(logger.getName(), (Level) null);
        stop();
    }
}
