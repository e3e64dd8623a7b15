package com.orderrouter.routetest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * One route test, written by a route author as a YAML file under {@code routes/tests/}: the message as SQS delivers
 * it, what the table holds before, and what must be true after (the outcome, the table, the dead letter, the alert,
 * the forwarded messages). The file's name is the test's name. See {@code routes/tests/README.md} for the format.
 *
 * @param name        the file name without {@code .yaml}
 * @param file        where it was read
 * @param description what it shows, in the author's words
 * @param body        the message body, exactly as sent
 * @param attributes  the message attributes, with their types
 * @param receiveCount the message's ApproximateReceiveCount (1: its first delivery)
 * @param sentAt      when SQS received it from the producer (its SentTimestamp); empty: now
 * @param storedBefore the table's items before the message arrives
 * @param tableUnreachable every DynamoDB call fails as a network outage would
 * @param expected    what must be true after
 */
public record RouteTestCase(String name, Path file, String description, String body,
        Map<String, MessageAttributeValue> attributes, int receiveCount, Optional<Instant> sentAt,
        List<JsonNode> storedBefore,
        boolean tableUnreachable, Expected expected) {

    /** What must be true after the message: only what is given is checked, except the outcome, always. */
    public record Expected(String outcome, Optional<List<JsonNode>> table, Optional<DeadLetter> deadLetter,
            Optional<Alert> alert, Optional<List<Forwarded>> forwarded) {
    }

    /** The dead letter's reason class and, when given, its reason (exactly). */
    public record DeadLetter(String reasonClass, Optional<String> reason) {
    }

    /** The SNS alert: subject and message, each checked when given. */
    public record Alert(Optional<String> subject, Optional<String> message) {
    }

    /** A message a route sent on, to an endpoint such as {@code aws2-sqs:refunds-queue}. */
    public record Forwarded(String endpoint, Optional<String> body, Map<String, String> headers) {
    }

    /** Outcomes the service counts in {@code orders.messages.processed}. */
    public static final Set<String> OUTCOMES = Set.of("success", "duplicate", "stale", "retry", "poison",
            "dead_lettered");

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** SQS's attribute data types: String, Number or Binary, with an optional custom label. */
    private static final Pattern SQS_DATA_TYPE = Pattern.compile("(String|Number|Binary)(\\.[A-Za-z0-9_.-]+)?");

    /** The test files of a routes folder: {@code tests/*.yaml}, by name. */
    public static List<Path> files(Path routesDir) throws IOException {
        Path tests = routesDir.resolve("tests");
        if (!Files.isDirectory(tests)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tests)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** Files under {@code tests/} that are not route tests (not {@code *.yaml} directly in it), to say so. */
    public static List<Path> notTests(Path routesDir) throws IOException {
        Path tests = routesDir.resolve("tests");
        if (!Files.isDirectory(tests)) {
            return List.of();
        }
        List<Path> routeTests = files(routesDir);
        try (Stream<Path> files = Files.walk(tests)) {
            return files.filter(Files::isRegularFile).filter(file -> !routeTests.contains(file))
                    .filter(file -> !file.getFileName().toString().equals("README.md")).sorted().toList();
        }
    }

    /**
     * Reads one test file.
     *
     * @throws MalformedRouteTestException naming the file and what is wrong with it
     */
    public static RouteTestCase read(Path file) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new MalformedRouteTestException(file, "not valid YAML: " + e.getOriginalMessage());
        }
        Fields test = new Fields(file, "", root, "description", "message", "table", "expect");
        Fields message = test.object("message", "event", "body", "attributes", "receiveCount", "sentAt");
        Fields table = test.optionalObject("table", "stored", "unreachable");
        Fields expect = test.object("expect", "outcome", "table", "deadLetter", "alert", "forwarded");
        return new RouteTestCase(name, file, test.text("description").orElse(name), body(message),
                attributes(message), message.integer("receiveCount", 1), sentAt(message),
                table.list("stored").orElse(List.of()), table.bool("unreachable"), expected(expect));
    }

    private static String body(Fields message) throws JsonProcessingException {
        Optional<String> body = message.text("body");
        JsonNode event = message.node.get("event");
        if (body.isPresent() == (event != null)) {
            throw message.problem("give either event (the JSON as YAML) or body (the text as sent)");
        }
        return body.isPresent() ? body.get() : JSON.writeValueAsString(event);
    }

    private static Optional<Instant> sentAt(Fields message) {
        try {
            return message.text("sentAt").map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw message.problem("message.sentAt: an instant such as 2026-11-27T10:00:00Z");
        }
    }

    private static Map<String, MessageAttributeValue> attributes(Fields message) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        JsonNode all = message.node.get("attributes");
        if (all == null) {
            return attributes;
        }
        if (!all.isObject()) {
            throw message.problem("attributes: a map of name to {type, value}");
        }
        all.properties().forEach(entry -> {
            Fields attribute = new Fields(message.file, message.path + "attributes." + entry.getKey() + ".",
                    entry.getValue(), "type", "value", "base64");
            String type = attribute.text("type").orElse("String");
            if (!SQS_DATA_TYPE.matcher(type).matches()) {
                throw attribute.problem(attribute.path + "type: String, Number or Binary, optionally "
                        + "with a custom label (String.tenant), as SQS takes them; not " + type);
            }
            MessageAttributeValue.Builder value = MessageAttributeValue.builder().dataType(type);
            if (type.startsWith("Binary")) {
                value.binaryValue(SdkBytes.fromByteArray(Base64.getDecoder().decode(attribute.required("base64"))));
            } else {
                value.stringValue(attribute.required("value"));
            }
            attributes.put(entry.getKey(), value.build());
        });
        return attributes;
    }

    private static Expected expected(Fields expect) {
        String outcome = expect.required("outcome");
        if (!OUTCOMES.contains(outcome)) {
            throw expect.problem("outcome: one of " + String.join(", ", OUTCOMES.stream().sorted().toList())
                    + ", not " + outcome);
        }
        Optional<DeadLetter> deadLetter = Optional.ofNullable(expect.node.get("deadLetter")).map(node -> {
            Fields fields = expect.object("deadLetter", "reasonClass", "reason");
            return new DeadLetter(fields.required("reasonClass"), fields.text("reason"));
        });
        Optional<Alert> alert = Optional.ofNullable(expect.node.get("alert")).map(node -> {
            Fields fields = expect.object("alert", "subject", "message");
            return new Alert(fields.text("subject"), fields.text("message"));
        });
        Optional<List<Forwarded>> forwarded = expect.list("forwarded").map(list -> {
            List<Forwarded> messages = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Fields fields = new Fields(expect.file, "expect.forwarded[" + i + "].", list.get(i), "endpoint", "body",
                        "headers");
                Map<String, String> headers = new LinkedHashMap<>();
                JsonNode given = fields.node.get("headers");
                if (given != null) {
                    given.properties().forEach(header -> headers.put(header.getKey(), header.getValue().asText()));
                }
                messages.add(new Forwarded(fields.required("endpoint"), fields.text("body"), headers));
            }
            return messages;
        });
        return new Expected(outcome, expect.list("table"), deadLetter, alert, forwarded);
    }

    /** A YAML mapping of a test file, read with its path for problems; unknown keys are refused (a typo). */
    private static final class Fields {

        private final Path file;
        private final String path;
        private final JsonNode node;

        Fields(Path file, String path, JsonNode node, String... known) {
            this.file = file;
            this.path = path;
            this.node = node == null ? YAML.createObjectNode() : node;
            if (!this.node.isObject()) {
                throw problem("expected a mapping with " + String.join(", ", known));
            }
            for (Iterator<String> names = this.node.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!List.of(known).contains(name)) {
                    throw problem("unknown key " + path + name + " (known: " + String.join(", ", known) + ")");
                }
            }
        }

        Fields object(String name, String... known) {
            if (!node.has(name)) {
                throw problem(path + name + " is missing");
            }
            return new Fields(file, path + name + ".", node.get(name), known);
        }

        Fields optionalObject(String name, String... known) {
            return new Fields(file, path + name + ".", node.get(name), known);
        }

        Optional<String> text(String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (!value.isValueNode()) {
                throw problem(path + name + ": a text");
            }
            return Optional.of(value.asText());
        }

        String required(String name) {
            return text(name).orElseThrow(() -> problem(path + name + " is missing"));
        }

        int integer(String name, int otherwise) {
            JsonNode value = node.get(name);
            if (value == null) {
                return otherwise;
            }
            if (!value.canConvertToInt() || value.asInt() < 1) {
                throw problem(path + name + ": a whole number from 1");
            }
            return value.asInt();
        }

        boolean bool(String name) {
            JsonNode value = node.get(name);
            if (value != null && !value.isBoolean()) {
                throw problem(path + name + ": true or false");
            }
            return value != null && value.booleanValue();
        }

        Optional<List<JsonNode>> list(String name) {
            JsonNode value = node.get(name);
            if (value == null) {
                return Optional.empty();
            }
            if (!value.isArray()) {
                throw problem(path + name + ": a list");
            }
            List<JsonNode> elements = new ArrayList<>();
            value.forEach(elements::add);
            return Optional.of(elements);
        }

        MalformedRouteTestException problem(String message) {
            return new MalformedRouteTestException(file, message);
        }
    }
}
