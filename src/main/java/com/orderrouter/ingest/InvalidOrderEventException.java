package com.orderrouter.ingest;

import com.orderrouter.failure.PoisonMessageException;

/** The event is well-formed JSON but breaks the event contract; the message names the field. */
public class InvalidOrderEventException extends PoisonMessageException {
    private static final long serialVersionUID = 1L;

    public InvalidOrderEventException(String field, String problem) {
        super("invalid-event", field + ": " + problem);
    }
}
