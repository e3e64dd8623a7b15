package com.orderrouter.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.orderrouter.failure.ProcessingOutcomes;
import com.orderrouter.failure.Quoted;
import org.apache.camel.Exchange;

/**
 * The event contracts beside the routes: {@code contracts/shared/event.schema.json}, the envelope every event shares,
 * and one JSON Schema per event type, {@code contracts/<type>.schema.json} (the file name is the type). They are read
 * and compiled once, when the service starts; a contract that does not parse stops start-up naming its file. The
 * types the service handles are the contracts there are: metrics and log lines tag them, the unknown-type reason lists
 * them.
 * <p>
 * {@link #check} applies, in this order: the rules every event shares ({@link EventRules}: Unicode, DynamoDB's
 * numbers), the envelope, the type's contract, then the timestamp's range. The first violation is poison
 * ({@code invalid-event}) with a reason naming the field: a schema's {@code errorMessage} for the failed keyword (e.g.
 * {@code "minimum": "must be a non-negative number"}), else the validator's own words, then the value it got.
 */
public class EventContracts {

    static final String ENVELOPE = "shared/event.schema.json";
    private static final String SUFFIX = ".schema.json";

    private final EventRules rules;
    private final JsonSchema envelope;
    /** type to its contract, sorted by type */
    private final Map<String, JsonSchema> contracts;

    /**
     * @param folder the contracts folder ({@code ROUTES_DIR/contracts})
     * @throws IllegalStateException naming the file when the folder, the envelope or a contract cannot be read
     */
    public EventContracts(Path folder, EventRules rules, ObjectMapper json) {
        this.rules = rules;
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().errorMessageKeyword("errorMessage").build();
        this.envelope = load(factory, config, folder.resolve(ENVELOPE), json);
        Map<String, JsonSchema> byType = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                String name = file.getFileName().toString();
                byType.put(name.substring(0, name.length() - SUFFIX.length()), load(factory, config, file, json));
            }
        } catch (IOException e) {
            throw new IllegalStateException("event contracts: cannot read " + folder + ": " + e.getMessage(), e);
        }
        if (byType.isEmpty()) {
            throw new IllegalStateException("event contracts: no <type>" + SUFFIX + " in " + folder);
        }
        this.contracts = Collections.unmodifiableMap(byType);
    }

    private static JsonSchema load(JsonSchemaFactory factory, SchemaValidatorsConfig config, Path file,
            ObjectMapper json) {
        try {
            JsonNode schema = json.readTree(Files.readString(file));
            // by its file URI, so a "$ref": "shared/event.schema.json#/$defs/id" resolves beside it
            JsonSchema compiled = factory.getSchema(SchemaLocation.of(file.toUri().toString()), schema, config);
            compiled.initializeValidators();
            return compiled;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("event contract " + file + " does not parse: " + e.getMessage(), e);
        }
    }

    /** The event types there are contracts for, sorted. */
    public Set<String> types() {
        return contracts.keySet();
    }

    /**
     * Checks the event in the body against the shared rules, the envelope and its type's contract, and sets exchange
     * property {@code orderType} to its type (for the route's choice, and for the metrics of an event that then fails its
     * contract) as soon as the type is known to have a contract.
     *
     * @throws InvalidOrderEventException naming the field of the first violation
     * @throws UnknownEventTypeException  when no contract has the event's type
     */
    public void check(Exchange exchange) {
        JsonNode event = exchange.getMessage().getBody(JsonNode.class);
        if (event == null || !event.isObject()) {
            throw new InvalidOrderEventException("body", "must be a JSON object");
        }
        rules.text("type", event.path("type").textValue());
        rules.text("timestamp", event.path("timestamp").textValue());
        rules.text("correlation_id", event.path("correlation_id").textValue());
        rules.storable("data", event.get("data"));
        firstViolation(envelope, event);
        String type = event.get("type").textValue();
        JsonSchema contract = contracts.get(type);
        if (contract == null) {
            throw new UnknownEventTypeException(type, types());
        }
        exchange.setProperty(ProcessingOutcomes.TYPE, type);
        firstViolation(contract, event);
        exchange.setProperty(EventRules.EVENT_TIME, rules.timestamp(event.get("timestamp").textValue()));
    }

    /** For a route's {@code otherwise}: an event whose type has a contract but no branch of its own (a route bug). */
    public void unhandled(String type) {
        throw UnknownEventTypeException.withoutBranch(type);
    }

    private static void firstViolation(JsonSchema schema, JsonNode event) {
        Set<ValidationMessage> errors = schema.validate(event);
        if (!errors.isEmpty()) {
            ValidationMessage first = errors.iterator().next();
            throw reason(first, event);
        }
    }

    /** {@code data.items[0].qty: must be ..., got -1}; {@code data.order_id: is required} for a missing or null field. */
    static InvalidOrderEventException reason(ValidationMessage error, JsonNode event) {
        List<Object> path = elements(error.getInstanceLocation());
        if ("required".equals(error.getType()) && error.getProperty() != null) {
            path.add(error.getProperty());
            return new InvalidOrderEventException(field(path), "is required");
        }
        JsonNode value = at(event, path);
        if (value != null && value.isNull()) {
            return new InvalidOrderEventException(field(path), "is required");
        }
        String prefix = error.getInstanceLocation() + ": ";
        String message = error.getMessage().startsWith(prefix) ? error.getMessage().substring(prefix.length())
                : error.getMessage();
        String got = value == null ? "" : ", got " + Quoted.json(value);
        return new InvalidOrderEventException(field(path), message + got);
    }

    private static List<Object> elements(JsonNodePath location) {
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < location.getNameCount(); i++) {
            elements.add(location.getElement(i));
        }
        return elements;
    }

    private static JsonNode at(JsonNode event, List<Object> path) {
        JsonNode node = event;
        for (Object element : path) {
            node = element instanceof Integer index ? node.get(index) : node.get((String) element);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** {@code body} for the event itself, else {@code data.items[0].sku}. */
    private static String field(List<Object> path) {
        if (path.isEmpty()) {
            return "body";
        }
        StringBuilder field = new StringBuilder();
        for (Object element : path) {
            if (element instanceof Integer index) {
                field.append('[').append(index).append(']');
            } else {
                field.append(field.isEmpty() ? "" : ".").append(Quoted.id((String) element));
            }
        }
        return field.toString();
    }

}
