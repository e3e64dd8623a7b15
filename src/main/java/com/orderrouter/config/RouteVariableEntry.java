package com.orderrouter.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.orderrouter.config.MalformedDeclarationException.Problem;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * One entry of {@code environment.yaml}:
 * <pre>
 *   - name: REFUNDS_QUEUE_URL              # the environment variable
 *     property: orders.refunds.queue-url   # the Camel property routes read: {{orders.refunds.queue-url}}
 *     required: true                       # or default: VALUE
 *     check: sqs-queue-url                 # sqs-queue-url, http-url, integer (with min and max), boolean or text
 *     description: queue refund events are forwarded to
 * </pre>
 * Every key is checked, so a typo stops start-up instead of leaving a variable unchecked.
 */
final class RouteVariableEntry {

    private static final List<String> KEYS = List.of("name", "property", "required", "default", "check", "min", "max",
            "description");
    private static final List<String> CHECKS = List.of("sqs-queue-url", "http-url", "integer", "boolean", "text");
    /** What a shell and ECS accept as a variable name, upper case as the platform's are. */
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern PROPERTY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private RouteVariableEntry() {
    }

    /** @return the variable, or empty after adding each of the entry's problems (named by the entry's line and name) */
    static Optional<RouteVariable> parse(Node entry, List<Problem> problems) {
        List<String> own = new ArrayList<>();
        Map<String, String> values = values(entry, own);
        String name = values.get("name");
        String property = values.get("property");
        String defaultValue = values.get("default");
        String kind = values.get("check");
        Function<String, String> check = value -> null;
        String example = null;
        if (name == null || !NAME.matcher(name).matches()) {
            own.add(name == null ? "name is missing" : "name " + name + " is not an environment variable name (A-Z 0-9 _)");
        }
        if (property == null || !PROPERTY.matcher(property).matches()) {
            own.add(property == null ? "property is missing" : "property " + property + " is not a property name");
        }
        if (values.getOrDefault("description", "").isBlank()) {
            own.add("description is missing");
        }
        boolean required = values.containsKey("required");
        if (required && !values.get("required").equals("true")) {
            own.add("required can only be true; an optional variable has a default instead");
        } else if (required && values.containsKey("default")) {
            own.add("has both required: true and a default; keep one");
        } else if (!required && !values.containsKey("default")) {
            own.add("needs required: true or a default");
        }
        boolean integer = "integer".equals(kind);
        Integer min = integer ? whole(values, "min", own) : null;
        Integer max = integer ? whole(values, "max", own) : null;
        if (kind == null || !CHECKS.contains(kind)) {
            own.add("check " + (kind == null ? "is missing" : kind + " is unknown") + ": expected one of "
                    + String.join(", ", CHECKS));
        } else if (!integer && (values.containsKey("min") || values.containsKey("max"))) {
            own.add("min and max belong to check: integer");
        } else if (integer && min != null && max != null && min > max) {
            own.add("min " + min + " is above max " + max);
        } else if (!integer || (min != null && max != null)) {
            check = check(kind, integer ? min : 0, integer ? max : 0);
            example = example(kind, integer ? min : 0);
            String problem = defaultValue == null ? null : check.apply(defaultValue);
            if (problem != null) {
                own.add("default " + defaultValue + " is invalid: " + problem);
            }
        }
        String label = name == null ? "entry" : name;
        own.forEach(problem -> problems.add(new Problem(line(entry), label + ": " + problem)));
        return own.isEmpty() ? Optional.of(new RouteVariable(name, property, defaultValue, check, example,
                values.get("description"))) : Optional.empty();
    }

    /** The entry's keys and their text; a key that is unknown, repeated or not a single value is a problem. */
    private static Map<String, String> values(Node entry, List<String> problems) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!(entry instanceof MappingNode mapping)) {
            problems.add("expected keys " + String.join(", ", KEYS));
            return values;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String key = text(tuple.getKeyNode());
            if (!KEYS.contains(key)) {
                problems.add("unknown key " + key + ": expected " + String.join(", ", KEYS));
            } else if (!(tuple.getValueNode() instanceof ScalarNode)) {
                problems.add(key + " must be a single value");
            } else if (values.put(key, text(tuple.getValueNode()).trim()) != null) {
                problems.add(key + " is given twice");
            }
        }
        return values;
    }

    private static Integer whole(Map<String, String> values, String key, List<String> problems) {
        try {
            return Integer.valueOf(values.get(key));
        } catch (NumberFormatException e) {
            problems.add("check: integer needs " + key + " as a whole number");
            return null;
        }
    }

    private static Function<String, String> check(String kind, int min, int max) {
        return switch (kind) {
            case "sqs-queue-url" -> ValueChecks::sqsQueueUrl;
            case "http-url" -> ValueChecks::httpUrl;
            case "integer" -> value -> ValueChecks.intBetween(value, min, max);
            case "boolean" -> ValueChecks::bool;
            default -> value -> null; // text: any value
        };
    }

    /** A value the check accepts: what a required variable stands for when validate-routes loads the routes. */
    private static String example(String kind, int min) {
        return switch (kind) {
            case "sqs-queue-url" -> "https://sqs.us-east-1.amazonaws.com/000000000000/placeholder-queue";
            case "http-url" -> "http://placeholder.invalid";
            case "integer" -> String.valueOf(min);
            case "boolean" -> "false";
            default -> "placeholder";
        };
    }

    static String text(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : "";
    }

    static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }
}
