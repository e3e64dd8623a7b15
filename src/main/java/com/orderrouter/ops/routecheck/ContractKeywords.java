package com.orderrouter.ops.routecheck;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * What JSON Schema does not refuse but a contract's author never means: a keyword the 2020-12 vocabulary does not
 * have ({@code "requird"}: the rule is silently gone, every event passes it) and a {@code type} that is not one of
 * JSON's ({@code "numbr"}: every event fails it). Each at the line of the keyword.
 */
final class ContractKeywords {

    private static final Set<String> KEYWORDS = Set.of("$schema", "$id", "$ref", "$defs", "$anchor", "$dynamicRef",
            "$dynamicAnchor", "$comment", "$vocabulary", "title", "description", "default", "examples", "deprecated",
            "readOnly", "writeOnly", "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
            "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems",
            "maxContains", "minContains", "maxProperties", "minProperties", "required", "dependentRequired",
            "properties", "patternProperties", "additionalProperties", "propertyNames", "items", "prefixItems",
            "contains", "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas",
            "unevaluatedItems", "unevaluatedProperties", "format", "contentEncoding", "contentMediaType",
            "contentSchema", "errorMessage");
    /** Keywords whose value is a schema. */
    private static final Set<String> SCHEMA = Set.of("additionalProperties", "propertyNames", "items", "contains",
            "not", "if", "then", "else", "unevaluatedItems", "unevaluatedProperties", "contentSchema");
    /** Keywords whose value maps names to schemas. */
    private static final Set<String> SCHEMA_MAP = Set.of("properties", "patternProperties", "$defs",
            "dependentSchemas");
    /** Keywords whose value lists schemas. */
    private static final Set<String> SCHEMA_LIST = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
    private static final Set<String> TYPES = Set.of("array", "boolean", "integer", "null", "number", "object",
            "string");

    private ContractKeywords() {
    }

    /** @return each problem with its 1-based line */
    static List<Map.Entry<Integer, String>> check(JsonMapper json, String text, JsonNode contract) throws Exception {
        Map<String, Integer> lines = lines(json, text);
        List<Map.Entry<Integer, String>> problems = new ArrayList<>();
        schema(contract, "", lines, problems);
        return problems;
    }

    private static void schema(JsonNode schema, String pointer, Map<String, Integer> lines,
            List<Map.Entry<Integer, String>> problems) {
        if (!schema.isObject()) {
            return;
        }
        schema.properties().forEach(entry -> {
            String keyword = entry.getKey();
            JsonNode value = entry.getValue();
            String at = pointer + "/" + keyword.replace("~", "~0").replace("/", "~1");
            int line = lines.getOrDefault(at, 0);
            if (!KEYWORDS.contains(keyword)) {
                problems.add(Map.entry(line, "\"" + keyword + "\" is not a JSON Schema keyword: the contract has no "
                        + "such rule (a typo of " + closest(keyword) + "?)"));
            } else if (keyword.equals("type") && !validType(value)) {
                problems.add(Map.entry(line, "type " + value + " is not one of " + String.join(", ",
                        TYPES.stream().sorted().toList()) + ": no value would ever match it"));
            } else if (SCHEMA.contains(keyword)) {
                schema(value, at, lines, problems);
            } else if (SCHEMA_MAP.contains(keyword) && value.isObject()) {
                value.properties().forEach(named -> schema(named.getValue(),
                        at + "/" + named.getKey().replace("~", "~0").replace("/", "~1"), lines, problems));
            } else if (SCHEMA_LIST.contains(keyword) && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    schema(value.get(i), at + "/" + i, lines, problems);
                }
            }
        });
    }

    private static boolean validType(JsonNode type) {
        if (type.isTextual()) {
            return TYPES.contains(type.textValue());
        }
        if (type.isArray() && !type.isEmpty()) {
            for (JsonNode each : type) {
                if (!each.isTextual() || !TYPES.contains(each.textValue())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** The keyword least edits away. */
    private static String closest(String word) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String keyword : KEYWORDS) {
            int distance = distance(word.toLowerCase(), keyword.toLowerCase());
            if (distance < bestDistance || distance == bestDistance && keyword.compareTo(best) < 0) {
                best = keyword;
                bestDistance = distance;
            }
        }
        return "\"" + best + "\"";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                current[j] = Math.min(Math.min(current[j - 1], previous[j]) + 1,
                        previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.length()];
    }

    /** The line of every member, by JSON pointer. */
    private static Map<String, Integer> lines(JsonMapper json, String text) throws Exception {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = json.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    lines.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(),
                            parser.currentTokenLocation().getLineNr());
                }
            }
        }
        return lines;
    }
}
