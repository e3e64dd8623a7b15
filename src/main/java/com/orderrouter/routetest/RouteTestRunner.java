package com.orderrouter.routetest;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.orderrouter.dynamodb.JsonAttributes;
import io.micrometer.core.instrument.Counter;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.sns.Sns2Endpoint;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.spi.InterceptSendToEndpoint;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Runs route tests ({@link RouteTestCase}) through an {@link OfflineService}: the message enters the orders route as
 * the aws2-sqs consumer would hand it over, each DLQ copy it causes enters the DLQ route as SQS would deliver it, and
 * what came out (the outcome counted, the table, the archive record, the alert, the forwarded messages) is compared
 * with what the test expects. Every difference is one line.
 */
public final class RouteTestRunner {

    /** A test's result: no failures is a pass. */
    public record Result(RouteTestCase test, List<String> failures) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROCESSED = "orders.messages.processed";

    private final OfflineService service;
    private final AtomicInteger deadLetterIds = new AtomicInteger();

    public RouteTestRunner(OfflineService service) {
        this.service = service;
    }

    public Result run(RouteTestCase test) {
        service.reset();
        List<String> failures = new ArrayList<>();
        try {
            for (JsonNode item : test.storedBefore()) {
                if (!service.table().put(JsonAttributes.attribute(item).m())) {
                    failures.add("table.stored: two items with the key of " + item + "; a table holds one per key");
                }
            }
            if (test.tableUnreachable()) {
                service.table().makeUnreachable();
            }
            Map<String, Double> countedBefore = processedCounts();
            Exchange result = service.send(OfflineService.ORDERS, ordersMessage(test));
            String outcome = outcome(countedBefore, processedCounts());
            int deadLetters = service.sqs().sent().size();
            service.sqs().sent().forEach(copy -> service.send(OfflineService.DEAD_LETTERS, deadLetterMessage(copy)));
            Optional<JsonNode> archived = archiveRecord();

            RouteTestCase.Expected expected = test.expected();
            if (!expected.outcome().equals(outcome)) {
                failures.add("outcome: expected " + expected.outcome() + ", got " + outcome + why(result, archived));
            }
            checkDeadLetter(test, expected, archived, deadLetters, failures);
            expected.table().ifPresent(items -> checkTable(items, failures));
            expected.alert().ifPresent(alert -> checkAlert(alert, failures));
            expected.forwarded().ifPresent(forwarded -> checkForwarded(forwarded, failures));
        } catch (Exception e) {
            failures.add("could not run: " + e);
        }
        return new Result(test, failures);
    }

    private Exchange ordersMessage(RouteTestCase test) throws Exception {
        Map<MessageSystemAttributeName, String> system = new LinkedHashMap<>();
        system.put(MessageSystemAttributeName.SENT_TIMESTAMP,
                String.valueOf(test.sentAt().orElseGet(Instant::now).toEpochMilli()));
        system.put(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, String.valueOf(test.receiveCount()));
        // the test's name as the message id, so an alert or archive key a test expects is the same on every run
        return sqsMessage(service.ordersQueueExchange(), test.body(), test.name(), test.attributes(), system);
    }

    /** The DLQ copy as SQS delivers it on the DLQ: a new message id, every attribute, received once. */
    private Exchange deadLetterMessage(SendMessageRequest copy) {
        Map<MessageSystemAttributeName, String> system = new LinkedHashMap<>();
        system.put(MessageSystemAttributeName.SENT_TIMESTAMP, String.valueOf(System.currentTimeMillis()));
        system.put(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1");
        return sqsMessage(service.context().getEndpoint(OfflineService.DEAD_LETTERS).createExchange(),
                copy.messageBody(), "dead-letter-" + deadLetterIds.incrementAndGet(),
                copy.messageAttributes(), system);
    }

    /** As the aws2-sqs consumer builds it: attributes in one header, only those its filter lets through as headers. */
    private Exchange sqsMessage(Exchange exchange, String body, String messageId,
            Map<String, MessageAttributeValue> attributes, Map<MessageSystemAttributeName, String> system) {
        CamelContext context = service.context();
        exchange.getMessage().setBody(body);
        exchange.getMessage().setHeader("CamelAwsSqsMessageId", messageId);
        exchange.getMessage().setHeader("CamelAwsSqsAttributes", system);
        exchange.getMessage().setHeader("CamelAwsSqsMessageAttributes", attributes);
        HeaderFilterStrategy filter = context.getRegistry().lookupByNameAndType("sqsAttributeHeaders",
                HeaderFilterStrategy.class);
        attributes.forEach((name, value) -> {
            if (value.stringValue() != null
                    && !filter.applyFilterToExternalHeaders(name, value.stringValue(), exchange)) {
                exchange.getMessage().setHeader(name, value.stringValue());
            }
        });
        system.forEach((name, value) -> exchange.getMessage().setHeader(name.toString(), value));
        return exchange;
    }

    private Map<String, Double> processedCounts() {
        Map<String, Double> counts = new TreeMap<>();
        for (Counter counter : service.meters().find(PROCESSED).counters()) {
            counts.put(counter.getId().getTag("outcome"), counts.getOrDefault(counter.getId().getTag("outcome"), 0.0)
                    + counter.count());
        }
        return counts;
    }

    /** The one outcome counted for the message; "none" or a list when the service counted otherwise. */
    private static String outcome(Map<String, Double> before, Map<String, Double> after) {
        List<String> counted = new ArrayList<>();
        after.forEach((outcome, count) -> {
            for (double i = before.getOrDefault(outcome, 0.0); i < count; i++) {
                counted.add(outcome);
            }
        });
        return counted.isEmpty() ? "none" : String.join(" and ", counted);
    }

    private static String why(Exchange result, Optional<JsonNode> archived) {
        if (archived.isPresent()) {
            return " (" + archived.get().path("reason_class").asText() + ": " + archived.get().path("reason").asText()
                    + ")";
        }
        Exception failure = result.getException();
        return failure == null ? "" : " (" + failure.getClass().getSimpleName() + ": " + failure.getMessage() + ")";
    }

    /** The archive record of the dead letter, if there was one: the first object put into the archive bucket. */
    private Optional<JsonNode> archiveRecord() {
        for (Sent put : received("aws2-s3")) {
            String body = put.exchange().getMessage().getBody(String.class);
            try {
                JsonNode record = JSON.readTree(body);
                if (record != null && record.has("reason_class")) {
                    return Optional.of(record);
                }
            } catch (Exception e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static void checkDeadLetter(RouteTestCase test, RouteTestCase.Expected expected,
            Optional<JsonNode> archived, int deadLetters, List<String> failures) {
        if (expected.deadLetter().isEmpty()) {
            archived.ifPresent(record -> failures.add("dead letter: expected none, got " + record.path("reason_class")
                    .asText() + ": " + record.path("reason").asText()));
            return;
        }
        RouteTestCase.DeadLetter deadLetter = expected.deadLetter().get();
        if (archived.isEmpty()) {
            failures.add("dead letter: expected " + deadLetter.reasonClass() + ", got none (" + deadLetters
                    + " DLQ copies)");
            return;
        }
        JsonNode record = archived.get();
        same(failures, "dead letter reason class", deadLetter.reasonClass(), record.path("reason_class").asText());
        deadLetter.reason().ifPresent(reason -> same(failures, "dead letter reason", reason,
                record.path("reason").asText()));
        String archivedBody = record.path("body").asText();
        if (!test.body().equals(archivedBody)) {
            failures.add("dead letter: the archived body is not the body sent, byte for byte: archived "
                    + quoted(archivedBody.length() > 100 ? archivedBody.substring(0, 100) + "…" : archivedBody));
        }
    }

    /** The whole table after, item by item; an item whose key matches is compared attribute by attribute. */
    private void checkTable(List<JsonNode> expectedItems, List<String> failures) {
        List<JsonNode> stored = new ArrayList<>();
        service.table().items().forEach(item -> stored.add(ItemJson.of(item)));
        for (JsonNode expected : expectedItems.stream().map(ItemJson::normalized).toList()) {
            JsonNode key = key(expected);
            Optional<JsonNode> same = stored.stream().filter(item -> key(item).equals(key)).findFirst();
            if (same.isEmpty()) {
                failures.add("table: item " + key + " not stored");
                continue;
            }
            stored.remove(same.get());
            List<String> names = new ArrayList<>();
            expected.fieldNames().forEachRemaining(names::add);
            same.get().fieldNames().forEachRemaining(name -> {
                if (!names.contains(name)) {
                    names.add(name);
                }
            });
            for (String name : names) {
                JsonNode want = expected.get(name);
                JsonNode got = same.get().get(name);
                if (!Objects.equals(want, got)) {
                    failures.add("table: item " + key + " " + name + ": expected " + (want == null ? "none" : want)
                            + ", got " + (got == null ? "none" : got));
                }
            }
        }
        stored.forEach(item -> failures.add("table: item " + key(item) + " stored, not expected: " + item));
    }

    private JsonNode key(JsonNode item) {
        ObjectNode key = JSON.createObjectNode();
        service.table().keyNames().forEach(name -> key.set(name, item.get(name)));
        return key;
    }

    private void checkAlert(RouteTestCase.Alert alert, List<String> failures) {
        List<Sent> published = received("aws2-sns");
        if (published.size() != 1) {
            failures.add("alert: expected one, got " + published.size());
            return;
        }
        Sent alertSent = published.get(0);
        Exchange message = alertSent.exchange();
        alert.message().ifPresent(text -> same(failures, "alert message", text,
                message.getMessage().getBody(String.class)));
        alert.subject().ifPresent(subject -> same(failures, "alert subject", subject, subject(alertSent)));
    }

    /** The subject the SNS call would carry: the header's, else the endpoint's (the one the mock stands in for). */
    private String subject(Sent published) {
        String header = published.exchange().getMessage().getHeader("CamelAwsSnsSubject", String.class);
        if (header != null) {
            return header;
        }
        String mocked = published.endpoint();
        return service.context().getEndpoints().stream()
                .map(endpoint -> endpoint instanceof InterceptSendToEndpoint intercepted
                        ? intercepted.getOriginalEndpoint() : endpoint)
                .filter(Sns2Endpoint.class::isInstance).map(Sns2Endpoint.class::cast)
                .filter(sns -> withoutParameters(sns.getEndpointKey()).equals(mocked))
                .map(sns -> sns.getConfiguration().getSubject()).findFirst().orElse(null);
    }

    private void checkForwarded(List<RouteTestCase.Forwarded> expected, List<String> failures) {
        List<Sent> sent = received("aws2-sqs");
        if (sent.size() != expected.size()) {
            failures.add("forwarded: expected " + expected.size() + " message(s), got " + sent.size() + " "
                    + sent.stream().map(Sent::endpoint).toList());
            return;
        }
        for (int i = 0; i < sent.size(); i++) {
            RouteTestCase.Forwarded forward = expected.get(i);
            Exchange message = sent.get(i).exchange();
            String label = "forwarded[" + i + "]";
            same(failures, label + " endpoint", withoutSlashes(forward.endpoint()), sent.get(i).endpoint());
            forward.body().ifPresent(body -> sameBody(failures, label + " body", body,
                    message.getMessage().getBody(String.class)));
            forward.headers().forEach((name, value) -> same(failures, label + " header " + name, value,
                    message.getMessage().getHeader(name, String.class)));
        }
    }

    /** A message a route sent to a mocked endpoint, e.g. {@code aws2-sqs:refunds-queue}. */
    private record Sent(String endpoint, Exchange exchange) {
    }

    /** What the mocks of one component received. */
    private List<Sent> received(String component) {
        List<Sent> sent = new ArrayList<>();
        for (MockEndpoint mock : service.mocks()) {
            String endpoint = mock.getEndpointUri().replaceFirst("^mock:(//)?", "");
            if (endpoint.startsWith(component + ":")) {
                mock.getReceivedExchanges().forEach(exchange -> sent.add(new Sent(endpoint, exchange)));
            }
        }
        return sent;
    }

    /** {@code aws2-sqs://refunds-queue?queueUrl=...} as {@code aws2-sqs:refunds-queue}. */
    private static String withoutParameters(String uri) {
        return withoutSlashes(uri.replaceFirst("\\?.*$", ""));
    }

    private static String withoutSlashes(String uri) {
        return uri.replaceFirst("^([a-z0-9-]+)://", "$1:");
    }

    /** JSON compared as JSON (the route may send it pretty-printed), anything else as text. */
    private static void sameBody(List<String> failures, String what, String expected, String actual) {
        Optional<JsonNode> expectedJson = json(expected);
        Optional<JsonNode> actualJson = json(actual);
        if (expectedJson.isPresent() && actualJson.isPresent()) {
            if (!expectedJson.equals(actualJson)) {
                failures.add(what + ": expected " + expectedJson.get() + ", got " + actualJson.get());
            }
            return;
        }
        same(failures, what, expected, actual);
    }

    private static Optional<JsonNode> json(String text) {
        try {
            return text == null ? Optional.empty() : Optional.ofNullable(JSON.readTree(text));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void same(List<String> failures, String what, String expected, String actual) {
        if (!Objects.equals(expected, actual)) {
            failures.add(what + ": expected " + quoted(expected) + ", got " + quoted(actual));
        }
    }

    private static String quoted(String text) {
        return text == null ? "none" : '"' + text + '"';
    }
}
