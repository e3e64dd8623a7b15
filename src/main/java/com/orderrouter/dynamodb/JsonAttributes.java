package com.orderrouter.dynamodb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderrouter.ingest.EventRules;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** JSON to DynamoDB attribute values, keeping every value as sent (numbers keep their exact text). */
public final class JsonAttributes {

    private JsonAttributes() {
    }

    /** A string is S, a number N, true/false BOOL, null NULL, an object M, a list L (never a set). */
    public static AttributeValue attribute(JsonNode node) {
        if (node.isObject()) {
            Map<String, AttributeValue> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), attribute(e.getValue())));
            return AttributeValue.fromM(map);
        }
        if (node.isArray()) {
            List<AttributeValue> list = new ArrayList<>(node.size());
            node.forEach(child -> list.add(attribute(child)));
            return AttributeValue.fromL(list);
        }
        if (node.isNumber()) {
            return AttributeValue.fromN(EventRules.numberText(node.decimalValue()));
        }
        if (node.isBoolean()) {
            return AttributeValue.fromBool(node.booleanValue());
        }
        if (node.isNull()) {
            return AttributeValue.fromNul(true);
        }
        return AttributeValue.fromS(node.asText());
    }
}
