package com.orderrouter.replay;

/** One archived dead letter cannot be replayed (the reason is the message); the run goes on with the others. */
final class UnreplayableException extends RuntimeException {

    UnreplayableException(String message) {
        super(message);
    }
}
