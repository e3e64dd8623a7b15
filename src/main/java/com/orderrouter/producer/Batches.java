package com.orderrouter.producer;

import java.util.ArrayList;
import java.util.List;

/** Splits messages into SendMessageBatch calls within SQS's per-call limits. */
final class Batches {

    /** Entries SQS accepts in one SendMessageBatch. */
    static final int MAX_ENTRIES = 10;
    /**
     * 1 MiB (1,048,576 bytes): SQS's limit for one message and for the sum of a SendMessageBatch's messages since
     * August 2025 (SendMessageBatch API reference). A queue can be set lower; SQS then fails the larger entries.
     */
    static final int MAX_PAYLOAD_BYTES = 1_048_576;

    private Batches() {
    }

    /**
     * Fills each call in order until the next message would exceed {@code maxEntries} or {@code maxBytes}; keeping
     * the order keeps a FIFO group's events in sequence. Each message must fit on its own.
     */
    static List<List<OutgoingMessage>> split(List<OutgoingMessage> messages, int maxEntries, int maxBytes) {
        List<List<OutgoingMessage>> calls = new ArrayList<>();
        List<OutgoingMessage> call = new ArrayList<>();
        int callBytes = 0;
        for (OutgoingMessage message : messages) {
            if (message.bytes() > maxBytes) {
                throw new IllegalArgumentException("message " + message.index() + " alone exceeds " + maxBytes + " bytes");
            }
            if (call.size() == maxEntries || callBytes + message.bytes() > maxBytes) {
                calls.add(call);
                call = new ArrayList<>();
                callBytes = 0;
            }
            call.add(message);
            callBytes += message.bytes();
        }
        if (!call.isEmpty()) {
            calls.add(call);
        }
        return calls;
    }
}
