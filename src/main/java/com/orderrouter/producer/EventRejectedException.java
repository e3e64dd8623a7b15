package com.orderrouter.producer;

/** An event the producer does not send because SQS would reject it; {@link #code()} is the SQS-style error code. */
public class EventRejectedException extends IllegalArgumentException {

    private final String code;

    public EventRejectedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
