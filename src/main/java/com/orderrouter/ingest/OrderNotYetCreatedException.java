package com.orderrouter.ingest;

import com.orderrouter.failure.Quoted;

/**
 * An update arrived for an order that is not in the table yet. Standard queues do not keep order, so the create may
 * still be on its way: this is retried (transient), and dead-lettered by the service only on the receive the queue's
 * redrive policy says is the last ({@link #neverCreated()}).
 */
public class OrderNotYetCreatedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String orderId;

    private OrderNotYetCreatedException(String orderId, String message) {
        super(message);
        this.orderId = orderId;
    }

    /** No item for the order when the update was tried. */
    public static OrderNotYetCreatedException missing(String orderId) {
        return new OrderNotYetCreatedException(orderId, "order " + Quoted.id(orderId) + " does not exist yet; the "
                + "update is retried until its create has been stored");
    }

    /** The update's condition failed because the order did not exist then, and its create was stored right after. */
    public static OrderNotYetCreatedException createdMeanwhile(String orderId) {
        return new OrderNotYetCreatedException(orderId, "order " + Quoted.id(orderId) + " was created while its "
                + "update was being applied; the update is retried");
    }

    /** The reason when the retries have run out: the create never arrived. */
    public String neverCreated() {
        return "order " + Quoted.id(orderId) + " was never created";
    }
}
