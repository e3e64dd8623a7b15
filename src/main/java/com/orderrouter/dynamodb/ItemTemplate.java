package com.orderrouter.dynamodb;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderrouter.ingest.EventRules;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One value of a declared DynamoDB write ({@link ItemWrite}), compiled once when the service starts:
 * <ul>
 * <li>{@code "{data.items}"}: one placeholder alone keeps the event's JSON type (a string is S, a number N, an object
 * M, a list L, true/false BOOL); {@code "{data.order_id|text}"} makes it text (an integer id as its decimal
 * text)</li>
 * <li>{@code "ORDER#{data.order_id}"}: text around placeholders is a string</li>
 * <li>{@code "{timestamp}"}: the event's time, stored as fixed-width UTC with microseconds so that string order is time
 * order</li>
 * <li>{@code pending}, {@code 1}, {@code true}: a constant string, number or boolean</li>
 * </ul>
 * Placeholders name {@code timestamp}, {@code type}, {@code correlation_id}, {@code data} or a field inside it
 * ({@code data.address.city}). A value whose placeholder finds nothing (a missing or null field) is not written.
 */
final class ItemTemplate {

    private static final Set<String> TOP_LEVEL = Set.of("timestamp", "type", "correlation_id", "data");
    private static final String TEXT = "text";

    /** A placeholder: a field path, and whether it is made text. */
    private record Placeholder(List<String> path, boolean text) {
        boolean isTime() {
            return path.size() == 1 && path.get(0).equals("timestamp");
        }
    }

    /** Literal text ({@code String}) and placeholders, in order; one placeholder alone keeps its JSON type. */
    private final List<Object> parts;
    private final AttributeValue constant;
    private final String source;

    private ItemTemplate(List<Object> parts, AttributeValue constant, String source) {
        this.parts = parts;
        this.constant = constant;
        this.source = source;
    }

    /**
     * @throws IllegalArgumentException saying what is wrong with the value
     */
    static ItemTemplate of(Object value) {
        if (value instanceof Boolean bool) {
            return new ItemTemplate(List.of(), AttributeValue.fromBool(bool), value.toString());
        }
        if (value instanceof Number number) {
            return new ItemTemplate(List.of(), AttributeValue.fromN(EventRules.numberText(new BigDecimal(number.toString()))),
                    value.toString());
        }
        if (!(value instanceof String text)) {
            String got = value == null ? "nothing" : value instanceof java.util.Map ? "a map"
                    : value instanceof List ? "a list" : value.getClass().getSimpleName();
            throw new IllegalArgumentException("expected a template string, a number or true/false, got " + got);
        }
        List<Object> parts = parse(text);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("is empty");
        }
        if (parts.size() == 1 && parts.get(0) instanceof String constant) {
            return new ItemTemplate(List.of(), AttributeValue.fromS(constant), text);
        }
        return new ItemTemplate(List.copyOf(parts), null, text);
    }

    private static List<Object> parse(String text) {
        List<Object> parts = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf('{', at);
            int stray = text.indexOf('}', at);
            if (stray >= 0 && (open < 0 || stray < open)) {
                throw new IllegalArgumentException("\"" + text + "\" has a '}' without its '{'");
            }
            if (open < 0) {
                parts.add(text.substring(at));
                break;
            }
            if (open > at) {
                parts.add(text.substring(at, open));
            }
            int close = text.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("\"" + text + "\" has a '{' without its '}'");
            }
            parts.add(placeholder(text.substring(open + 1, close).trim(), text));
            at = close + 1;
        }
        return parts;
    }

    private static Placeholder placeholder(String inside, String text) {
        String[] pipe = inside.split("\\|", -1);
        if (pipe.length > 2 || pipe.length == 2 && !pipe[1].trim().equals(TEXT)) {
            throw new IllegalArgumentException("\"" + text + "\": {" + inside + "} has an unknown modifier (the one "
                    + "there is: |text)");
        }
        List<String> path = List.of(pipe[0].trim().split("\\.", -1));
        if (!TOP_LEVEL.contains(path.get(0)) || path.stream().anyMatch(String::isBlank)
                || path.size() > 1 && !path.get(0).equals("data")) {
            throw new IllegalArgumentException("\"" + text + "\": {" + inside + "} names no event field (expected "
                    + "timestamp, type, correlation_id, data or data.<field>)");
        }
        return new Placeholder(path, pipe.length == 2);
    }

    /** The template as written, for messages. */
    String source() {
        return source;
    }

    /** True when this is exactly {@code {timestamp}}: the event's time in its stored form. */
    boolean isEventTime() {
        return parts.size() == 1 && parts.get(0) instanceof Placeholder p && p.isTime() && !p.text();
    }

    /**
     * @param time the event's time in its stored form, made once per event (parsing and formatting dates is the
     *             costliest part of a write), or null when the event has none
     * @return the value for this event, or null when a placeholder finds no value
     */
    AttributeValue valueFor(JsonNode event, String time) {
        if (constant != null) {
            return constant;
        }
        if (parts.size() == 1 && parts.get(0) instanceof Placeholder p && !p.text()) {
            if (p.isTime()) {
                return time == null ? null : AttributeValue.fromS(time);
            }
            JsonNode value = resolve(event, p.path());
            return value == null ? null : JsonAttributes.attribute(value);
        }
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Placeholder p) {
                String value = p.isTime() ? time : text(resolve(event, p.path()));
                if (value == null) {
                    return null;
                }
                text.append(value);
            } else {
                text.append((String) part);
            }
        }
        return AttributeValue.fromS(text.toString());
    }

    /** Every field the placeholders name, in order, each as its path: {@code [data, order_id]}. */
    List<List<String>> fields() {
        return parts.stream().filter(part -> part instanceof Placeholder).map(part -> ((Placeholder) part).path())
                .toList();
    }

    /** The first field a placeholder names, for reasons: {@code data.order_id}. */
    String firstField() {
        for (Object part : parts) {
            if (part instanceof Placeholder p) {
                return String.join(".", p.path());
            }
        }
        return source;
    }

    private static JsonNode resolve(JsonNode event, List<String> path) {
        JsonNode node = event;
        for (String name : path) {
            node = node == null ? null : node.get(name);
        }
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    private static String text(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            // 5001.0 and 5e3 are integers to JSON Schema: the same id as 5001 and 5000 (EventRules bounds the size)
            BigDecimal number = value.decimalValue().stripTrailingZeros();
            return number.scale() <= 0 ? number.toBigIntegerExact().toString() : EventRules.numberText(number);
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
