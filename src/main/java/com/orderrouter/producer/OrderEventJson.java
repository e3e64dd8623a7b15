package com.orderrouter.producer;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The event envelope of the README's event contract: {@code {type, data, timestamp, correlation_id}}. */
final class OrderEventJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            // a total such as 19.990 or 1e400 is sent exactly as given (a double would round it)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            // one object per line: "{...} x" and {"type":"a","type":"b"} are ambiguous, so rejected
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private OrderEventJson() {
    }

    static ObjectNode create(String type, JsonNode data) {
        ObjectNode event = JSON.createObjectNode();
        event.put("type", type);
        event.set("data", data);
        requireValid(event);
        return event;
    }

    /** @throws InvalidEventException naming what is wrong with the line */
    static ObjectNode parse(String line) {
        ObjectNode event = parseObject(line);
        requireValid(event);
        return event;
    }

    /** @throws InvalidEventException when the text is not exactly one JSON object */
    static ObjectNode parseObject(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidEventException("not a JSON object");
        }
        return (ObjectNode) node;
    }

    /** What the producer needs of an event; the consumer validates the rest of the contract. */
    static void requireValid(JsonNode event) {
        JsonNode type = event.get("type");
        if (type == null || !type.isTextual() || type.asText().isBlank()) {
            throw new InvalidEventException("type: must be a non-empty string");
        }
        JsonNode data = event.get("data");
        if (data == null || !data.isObject()) {
            throw new InvalidEventException("data: must be a JSON object");
        }
    }

    /** A copy with {@code timestamp} (ISO-8601 UTC) and {@code correlation_id} (random UUID) where they are missing. */
    static ObjectNode complete(ObjectNode event) {
        ObjectNode complete = event.deepCopy();
        if (isMissing(complete.get("timestamp"))) {
            complete.put("timestamp", Instant.now().toString());
        }
        if (isMissing(complete.get("correlation_id"))) {
            complete.put("correlation_id", UUID.randomUUID().toString());
        }
        return complete;
    }

    /** Compact JSON; the same event always gives the same text, so the same body. */
    static String body(ObjectNode event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static boolean isMissing(JsonNode value) {
        return value == null || value.isNull();
    }

    /** An event the producer cannot send as it is; the message says why. */
    static final class InvalidEventException extends IllegalArgumentException {

        InvalidEventException(String reason) {
            super(reason);
        }
    }
}
