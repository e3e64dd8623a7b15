package com.orderrouter.ingest;

import com.orderrouter.failure.PoisonMessageException;
import com.orderrouter.failure.Quoted;

/** The event's {@code type} is not one the router handles (types are case-sensitive). */
public class UnknownEventTypeException extends PoisonMessageException {
    private static final long serialVersionUID = 1L;

    public UnknownEventTypeException(String type) {
        super("unknown-type", "type: unknown event type " + Quoted.value(type) + " (expected order_created or order_updated)");
    }
}
