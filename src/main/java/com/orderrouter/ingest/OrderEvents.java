package com.orderrouter.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderrouter.failure.Quoted;

/**
 * Validates order events and turns them into typed records. Every failure is an {@link InvalidOrderEventException}
 * whose message names the field, e.g. {@code data.total: must be a non-negative number}. The rules every event shares
 * (Unicode, DynamoDB's numbers, the timestamp) are {@link EventRules}.
 */
public class OrderEvents {

    private final EventRules rules;

    public OrderEvents(EventRules rules) {
        this.rules = rules;
    }

    /** Checks the envelope (a type, a data object and a timestamp) and the rules every event shares. */
    public OrderEvent validate(OrderEvent event) {
        if (event == null) {
            throw new InvalidOrderEventException("body", "must be a JSON object, got null");
        }
        rules.text("type", event.type());
        requireText("type", event.type());
        if (event.data() == null || event.data().isNull()) {
            throw new InvalidOrderEventException("data", "is required");
        }
        if (!event.data().isObject()) {
            throw new InvalidOrderEventException("data", "must be a JSON object");
        }
        rules.text("correlation_id", event.correlationId());
        rules.storable("data", event.data());
        timestamp(event);
        return event;
    }

    /** The event's type, for the route's choice (validated before). */
    public String type(OrderEvent event) {
        return event.type();
    }

    public OrderCreated created(OrderEvent event) {
        JsonNode data = event.data();
        String orderId = id(data, "order_id");
        String customerId = id(data, "customer_id");
        JsonNode items = data.get("items");
        if (items == null || items.isNull()) {
            throw new InvalidOrderEventException("data.items", "is required");
        }
        if (!items.isArray()) {
            throw new InvalidOrderEventException("data.items", "must be a list");
        }
        List<JsonNode> lines = new ArrayList<>(items.size());
        items.forEach(lines::add);
        return new OrderCreated(orderId, customerId, lines, total(data), timestamp(event), event.correlationId());
    }

    public OrderUpdated updated(OrderEvent event) {
        JsonNode data = event.data();
        return new OrderUpdated(id(data, "order_id"), text(data, "status"), timestamp(event), event.correlationId());
    }

    private static BigDecimal total(JsonNode data) {
        JsonNode total = data.get("total");
        if (total == null || total.isNull()) {
            throw new InvalidOrderEventException("data.total", "is required");
        }
        if (!total.isNumber() || total.isDouble() && !Double.isFinite(total.doubleValue())) {
            throw new InvalidOrderEventException("data.total", "must be a non-negative number, got " + Quoted.json(total));
        }
        BigDecimal value = total.decimalValue();
        if (value.signum() < 0) {
            throw new InvalidOrderEventException("data.total", "must be a non-negative number, got " + Quoted.json(total));
        }
        return value;
    }

    /**
     * An id field: a non-empty JSON string, or a JSON integer of any size (producers such as the article's send
     * {@code "order_id": 5001}), kept as its decimal text ({@code 5001} and {@code "5001"} are the same order).
     */
    private static String id(JsonNode data, String field) {
        JsonNode node = data.get(field);
        if (node != null && node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node != null && !node.isNull() && !node.isTextual()) {
            String got = node.isNumber() ? "a non-integer number" : node.getNodeType().name().toLowerCase();
            throw new InvalidOrderEventException("data." + field, "must be a string or an integer, got " + got);
        }
        return text(data, field);
    }

    /**
     * The text an id field stands for (see {@link #id}), or null when it is missing or not a string or an integer;
     * for logging an event that may not be valid.
     */
    public static String idText(JsonNode data, String field) {
        JsonNode node = data == null ? null : data.get(field);
        if (node == null) {
            return null;
        }
        return node.isIntegralNumber() ? node.bigIntegerValue().toString() : node.textValue();
    }

    private static String text(JsonNode data, String field) {
        JsonNode node = data.get(field);
        return requireText("data." + field, node == null || node.isNull() ? null : node);
    }

    private static String requireText(String field, Object value) {
        if (value == null) {
            throw new InvalidOrderEventException(field, "is required");
        }
        if (value instanceof JsonNode node && !node.isTextual()) {
            throw new InvalidOrderEventException(field, "must be a string, got " + node.getNodeType().name().toLowerCase());
        }
        String text = value instanceof JsonNode node ? node.textValue() : value.toString();
        if (text.isBlank()) {
            throw new InvalidOrderEventException(field, "must not be empty");
        }
        return text;
    }

    /** The event's time (validated by {@link EventRules#timestamp}). */
    Instant timestamp(OrderEvent event) {
        rules.text("timestamp", event.timestamp());
        return rules.timestamp(requireText("timestamp", event.timestamp()));
    }
}
