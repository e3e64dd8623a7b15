package com.orderrouter.routetest;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB items as the plain JSON a route test writes them in: S a string, N a number, BOOL, NULL, M an object, L a
 * list (sets as lists, binary as base64 text). Numbers are compared by value, as DynamoDB stores them: 49.90 is 49.9.
 */
final class ItemJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private ItemJson() {
    }

    static ObjectNode of(Map<String, AttributeValue> item) {
        ObjectNode json = NODES.objectNode();
        item.forEach((name, value) -> json.set(name, of(value)));
        return json;
    }

    static JsonNode of(AttributeValue value) {
        return switch (value.type()) {
            case S -> NODES.textNode(value.s());
            case N -> number(new BigDecimal(value.n()));
            case BOOL -> NODES.booleanNode(value.bool());
            case NUL -> NODES.nullNode();
            case M -> of(value.m());
            case L -> {
                ArrayNode list = NODES.arrayNode();
                value.l().forEach(element -> list.add(of(element)));
                yield list;
            }
            case SS -> {
                ArrayNode set = NODES.arrayNode();
                value.ss().forEach(set::add);
                yield set;
            }
            case NS -> {
                ArrayNode set = NODES.arrayNode();
                value.ns().forEach(n -> set.add(number(new BigDecimal(n))));
                yield set;
            }
            case B -> NODES.textNode(Base64.getEncoder().encodeToString(value.b().asByteArray()));
            default -> NODES.textNode(String.valueOf(value));
        };
    }

    /** The same JSON with every number in the one form DynamoDB keeps (no trailing zeros), for comparing. */
    static JsonNode normalized(JsonNode node) {
        if (node.isNumber()) {
            return number(node.decimalValue());
        }
        if (node.isObject()) {
            ObjectNode object = NODES.objectNode();
            node.properties().forEach(entry -> object.set(entry.getKey(), normalized(entry.getValue())));
            return object;
        }
        if (node.isArray()) {
            ArrayNode list = NODES.arrayNode();
            node.forEach(element -> list.add(normalized(element)));
            return list;
        }
        return node;
    }

    private static JsonNode number(BigDecimal value) {
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        return NODES.numberNode(stripped.scale() < 0 ? stripped.setScale(0) : stripped);
    }
}
