package com.orderrouter.ingest;

import java.util.Collection;

import com.orderrouter.failure.PoisonMessageException;
import com.orderrouter.failure.Quoted;

/** The event's {@code type} is not one the routes handle (types are case-sensitive); the reason lists those they do. */
public class UnknownEventTypeException extends PoisonMessageException {
    private static final long serialVersionUID = 1L;

    public UnknownEventTypeException(String type, Collection<String> handled) {
        super("unknown-type", "type: unknown event type " + Quoted.value(type) + " (expected one of "
                + String.join(", ", handled) + ")");
    }
}
