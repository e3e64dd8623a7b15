package com.orderrouter.dynamodb;

/**
 * An update-if-newer arrived for an item that is not in the table yet. Standard queues do not keep order, so the
 * create may still be on its way: this is retried (transient), and dead-lettered by the service only on the receive
 * the queue's redrive policy says is the last ({@link #neverCreated()}).
 */
public class ItemNotYetCreatedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String item;

    private ItemNotYetCreatedException(String item, String message) {
        super(message);
        this.item = item;
    }

    /** No item when the update was tried. @param item what the write's describedAs says, e.g. "order 123" */
    static ItemNotYetCreatedException missing(String item) {
        return new ItemNotYetCreatedException(item, item + " does not exist yet; the update is retried until its "
                + "create has been stored");
    }

    /** The update's condition failed because the item did not exist then, and its create was stored right after. */
    static ItemNotYetCreatedException createdMeanwhile(String item) {
        return new ItemNotYetCreatedException(item, item + " was created while its update was being applied; the "
                + "update is retried");
    }

    /** The reason when the retries have run out: the create never arrived. */
    public String neverCreated() {
        return item + " was never created";
    }
}
