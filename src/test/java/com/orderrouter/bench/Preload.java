package com.orderrouter.bench;

import java.util.ArrayList;
import java.util.List;

import com.orderrouter.localstack.OrderEventsJson;
import com.orderrouter.localstack.StackProbe;

/**
 * Fills the orders queue for a benchmark run: 80 % order_created, 20 % order_updated (of the earliest creates, sent
 * after all creates), 0.1 % poison (half not JSON, half an unknown type). Straight to the queue, not through a proxy.
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
        probe.sendAll(creates);
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < shape.updates; i++) {
            rest.add(OrderEventsJson.updated(prefix + i, "paid", UPDATED_AT));
        }
        for (int i = 0; i < shape.poison; i++) {
            rest.add(i % 2 == 0 ? "not JSON " + prefix + i
                    : "{\"type\":\"order_shipped\",\"timestamp\":\"" + UPDATED_AT + "\",\"data\":{\"order_id\":\""
                            + prefix + "p" + i + "\"}}");
        }
        probe.sendAll(rest);
    }
}
