package com.orderrouter.producer;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link OrderProducer} sends.
 *
 * @param fifo           set {@code MessageGroupId} and {@code MessageDeduplicationId} (required by a FIFO queue)
 * @param groupBy        field of {@code data} whose value is the FIFO message group; {@code order_id} keeps an order's
 *                       updates in line with its create (updates carry no customer)
 * @param maxAttempts    sends per entry, the first included, while SQS reports it failed without a sender fault
 * @param initialBackoff pause before the second attempt, doubled before each further one
 */
public record ProducerOptions(boolean fifo, String groupBy, int maxAttempts, Duration initialBackoff) {

    public static final String DEFAULT_GROUP_BY = "order_id";
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);

    public ProducerOptions {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        if (groupBy == null || groupBy.isBlank()) {
            throw new IllegalArgumentException("groupBy must name a field of data");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff must not be negative, got " + initialBackoff);
        }
    }

    /** The defaults for a queue: FIFO when its URL ends with {@code .fifo}, as SQS requires of FIFO queue names. */
    public static ProducerOptions defaults(String queueUrl) {
        return new ProducerOptions(queueUrl.endsWith(".fifo"), DEFAULT_GROUP_BY, DEFAULT_MAX_ATTEMPTS,
                DEFAULT_INITIAL_BACKOFF);
    }
}
