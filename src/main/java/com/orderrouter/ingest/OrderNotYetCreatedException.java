package com.orderrouter.ingest;

/**
 * An update arrived for an order that is not in the table yet. Standard queues do not keep order, so the create may
 * still be on its way: this is retried (transient), never dead-lettered by the service.
 */
public class OrderNotYetCreatedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private OrderNotYetCreatedException(String message) {
        super(message);
    }

    /** No item for the order when the update was tried. */
    public static OrderNotYetCreatedException missing(String orderId) {
        return new OrderNotYetCreatedException("order " + orderId + " does not exist yet; the update is retried until "
                + "its create has been stored");
    }

    /** The update's condition failed because the order did not exist then, and its create was stored right after. */
    public static OrderNotYetCreatedException createdMeanwhile(String orderId) {
        return new OrderNotYetCreatedException("order " + orderId + " was created while its update was being applied; "
                + "the update is retried");
    }
}
