package com.orderrouter.producer;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Order events for the producer tests, in the README's contract. */
final class TestEvents {

    static final JsonMapper JSON = new JsonMapper();

    private TestEvents() {
    }

    static ObjectNode createdData(String orderId) {
        ObjectNode data = JSON.createObjectNode().put("order_id", orderId).put("customer_id", "cust-" + orderId);
        data.putArray("items").addObject().put("sku", "A-1").put("qty", 1);
        return data.put("total", 19.99);
    }

    static ObjectNode created(String orderId) {
        ObjectNode event = JSON.createObjectNode().put("type", "order_created");
        event.set("data", createdData(orderId));
        return event;
    }

    static ObjectNode updated(String orderId, String status, String timestamp) {
        ObjectNode event = JSON.createObjectNode().put("type", "order_updated");
        event.putObject("data").put("order_id", orderId).put("status", status);
        return event.put("timestamp", timestamp).put("correlation_id", "corr-" + orderId + "-" + status);
    }

    /** A complete create (own timestamp and correlation id, so a fixed body) whose body is exactly {@code bytes}. */
    static ObjectNode createdOfSize(String orderId, int bytes) {
        ObjectNode event = created(orderId).put("timestamp", "2026-11-27T10:00:00Z")
                .put("correlation_id", "corr-" + orderId);
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("note", "");
        int padding = bytes - OrderEventJson.body(event).length();
        data.put("note", "x".repeat(padding));
        return event;
    }
}
