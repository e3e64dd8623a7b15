package com.orderrouter.ingest;

import java.util.Collection;

import com.orderrouter.failure.PoisonMessageException;
import com.orderrouter.failure.Quoted;

/** The event's {@code type} is not one the routes handle (types are case-sensitive); the reason lists those they do. */
public class UnknownEventTypeException extends PoisonMessageException {
    private static final long serialVersionUID = 1L;

    public UnknownEventTypeException(String type, Collection<String> handled) {
        this("type: unknown event type " + Quoted.value(type) + " (expected one of " + String.join(", ", handled) + ")");
    }

    private UnknownEventTypeException(String reason) {
        super("unknown-type", reason);
    }

    /** A type with a contract that no branch of the route's choice takes: the routes are missing its {@code when}. */
    static UnknownEventTypeException withoutBranch(String type) {
        return new UnknownEventTypeException("type: event type " + Quoted.value(type) + " has a contract but no "
                + "branch in the route's choice");
    }
}
