package com.orderrouter.failure;

/**
 * A message that can never succeed, however often it is retried. It goes to the dead-letter queue at once with
 * {@link #reason()} (which names the offending field) and {@link #errorClass()} as message attributes.
 */
public class PoisonMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String errorClass;

    public PoisonMessageException(String errorClass, String reason) {
        super(reason);
        this.errorClass = errorClass;
    }

    public String errorClass() {
        return errorClass;
    }

    public String reason() {
        return getMessage();
    }
}
