package com.orderrouter.bench;

import java.util.ArrayList;
import java.util.List;

import com.orderrouter.localstack.OrderEventsJson;
import com.orderrouter.localstack.StackProbe;

/**
 * Fills the orders queue for a benchmark run: 80 % order_created, 20 % order_updated (of the earliest creates, sent
 * after all creates), 0.1 % poison (half not JSON, half an unknown type) spread evenly through both. Straight to the
 * queue, not through a proxy.
 */
final class Preload {

    static final String CREATED_AT = "2026-11-27T10:00:00Z";
    static final String UPDATED_AT = "2026-11-27T11:00:00Z";

    record Shape(int creates, int updates, int poison) {
        static Shape of(int n) {
            int poison = Math.max(1, n / 1000);
            int updates = (n - poison) / 5;
            return new Shape(n - poison - updates, updates, poison);
        }

        int total() {
            return creates + updates + poison;
        }
    }

    private Preload() {
    }

    static void send(StackProbe probe, String prefix, Shape shape) {
        List<String> creates = new ArrayList<>(shape.creates);
        for (int i = 0; i < shape.creates; i++) {
            creates.add(OrderEventsJson.created(prefix + i, CREATED_AT));
        }
        List<String> updates = new ArrayList<>(shape.updates);
        for (int i = 0; i < shape.updates; i++) {
            updates.add(OrderEventsJson.updated(prefix + i, "paid", UPDATED_AT));
        }
        // Poison spread evenly through the stream, as it arrives in real traffic: in one burst at the end of a batch,
        // the dead-letter route's archiving and the JIT's recompilation for that rare path would land together at the
        // start of the next measured window.
        int stream = shape.creates + shape.updates;
        for (int i = shape.poison - 1; i >= 0; i--) {
            int at = (int) ((i + 0.5) * stream / shape.poison);
            String body = i % 2 == 0 ? "not JSON " + prefix + i
                    : "{\"type\":\"order_shipped\",\"timestamp\":\"" + UPDATED_AT + "\",\"data\":{\"order_id\":\""
                            + prefix + "p" + i + "\"}}";
            if (at < shape.creates) {
                creates.add(at, body);
            } else {
                updates.add(at - shape.creates, body);
            }
        }
        probe.sendAll(creates);
        probe.sendAll(updates);
    }
}
