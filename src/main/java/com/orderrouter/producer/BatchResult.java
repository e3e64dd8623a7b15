package com.orderrouter.producer;

import java.util.List;

/**
 * Outcome of {@link OrderProducer#sendAll}: how many events SQS accepted and every event that stayed unsent.
 *
 * @param successful events SQS accepted (a FIFO duplicate within the deduplication window counts: SQS accepts it and
 *                   delivers it once)
 * @param failures   the events not sent, in input order
 */
public record BatchResult(int successful, List<FailedEntry> failures) {

    public BatchResult {
        failures = List.copyOf(failures);
    }

    public int failed() {
        return failures.size();
    }

    /**
     * An event that was not sent, as SQS reports a failed batch entry, or as the producer reports an event it did not
     * send (codes {@code MessageTooLong}, {@code MissingMessageGroupId}).
     *
     * @param index       position of the event in the list given to {@code sendAll}
     * @param senderFault true when resending the same entry cannot succeed
     */
    public record FailedEntry(int index, String code, boolean senderFault, String message) {
    }
}
