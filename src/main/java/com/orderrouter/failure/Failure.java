package com.orderrouter.failure;

/**
 * How a failed message is handled. Poison goes to the DLQ at once; anything else is transient: retried in-process, then
 * released back to SQS with a visibility backoff until the queue's redrive policy takes over.
 *
 * @param poison     true when retrying can never help
 * @param errorClass short, stable name for dashboards and DLQ filters ({@code malformed-json}, {@code invalid-event}, ...)
 * @param reason     human-readable reason naming the offending field where there is one; at most
 *                   {@value Quoted#MAX_REASON} characters plus a note of the full length
 */
public record Failure(boolean poison, String errorClass, String reason) {

    /** The reason is bounded ({@link Quoted#message(String)}): it travels in attributes, alerts and log lines. */
    public Failure {
        reason = Quoted.message(reason);
    }

    static Failure poison(String errorClass, String reason) {
        return new Failure(true, errorClass, reason);
    }

    static Failure transientFailure(String reason) {
        return new Failure(false, "transient", reason);
    }
}
