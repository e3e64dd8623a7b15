package com.orderrouter.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderrouter.localstack.LocalAwsStack;
import com.orderrouter.localstack.ServiceProcess;
import com.orderrouter.localstack.SnsStandIn.PublishedAlert;
import com.orderrouter.localstack.StackProbe;
import com.orderrouter.routetest.RouteTestCase;
import com.orderrouter.testing.RouteFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * README's "Changing the routes", as an integration engineer does it: five routine changes made in a copy of routes/
 * only (a type, a stored field, a rule, a forward with its environment variable, the alert) (the snippets are src/test/resources/route-changes/), checked with validate-routes, then the jar as it ships,
 * with no rebuild, on that folder: each change works over the wire. Prints each step's real output.
 */
class RouteChangesIT {

    private static final LocalAwsStack STACK = LocalAwsStack.shared();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Path CHANGES = Path.of("src/test/resources/route-changes");
    private static final String TS = "2026-12-07T09:00:00Z";
    private final StackProbe probe = new StackProbe(STACK);

    @Test
    void fiveRouteChangesWorkWithoutAJavaChangeOrARebuild(@TempDir Path dir) throws Exception {
        Path routes = RouteFiles.copy(Path.of("routes"), dir.resolve("routes"));
        addTheOrderCancelledType(routes);
        storeTheShippingAddress(routes);
        rejectOrdersWithoutItems(routes);
        forwardRefunds(routes);
        changeTheAlert(routes);
        String refundsQueue = STACK.sqs().createQueue(b -> b.queueName("refunds-" + OrdersSqsToDynamodbIT.newOrderId()))
                .queueUrl();

        List<String> check = command(dir, "validate", Map.of("REFUNDS_QUEUE_URL", refundsQueue), 0, "validate-routes",
                routes.toString());
        assertThat(check).containsExactly("routes OK: " + routes);

        // the engineer's tests of the five changes, as data, and the two shipped tests the changes make out of date
        addTheTestsOfTheChanges(routes);
        List<String> tests = command(dir, "test-routes", Map.of(), 0, "test-routes", routes.toString());
        assertThat(tests).last().isEqualTo(RouteTestCase.files(routes).size() + " passed, 0 failed: "
                + routes.resolve("tests"));
        assertThat(tests).contains("ok   order-cancelled-sets-status-and-reason",
                "ok   order-created-stores-the-shipping-address", "ok   order-created-without-items-is-dead-lettered",
                "ok   refunded-order-is-forwarded-to-the-refunds-queue", "ok   order-with-negative-total-is-dead-lettered");

        // a deliberate typo in each change, caught before deploying at its step's line
        List<String> typos = typoIn(dir, routes, "typos-in-steps", List.of(
                new Typo("orders-sqs-to-dynamodb.camel.yaml", "== 'order_cancelled'", "== 'order_canceled'"),
                new Typo("orders-sqs-to-dynamodb.camel.yaml", "{data.shipping_address}", "{data.shipping_adress}"),
                new Typo("orders-sqs-to-dynamodb.camel.yaml", "{{orders.refunds.queue-url}}",
                        "{{orders.refunds.queue-ur}}")));
        assertThat(typos).anySatisfy(line -> assertThat(line).endsWith("this when takes no event type there is a "
                + "contract for: simple \"${exchangeProperty.orderType} == 'order_canceled'\" (contracts: "
                + "order_cancelled, order_created, order_updated)"));
        assertThat(typos).anySatisfy(line -> assertThat(line).endsWith("orderCreatedWrite attributes.shipping_address "
                + "reads data.shipping_adress, which contract order_created does not declare (data declares order_id, "
                + "customer_id, items, shipping_address, total)"));
        assertThat(typos).anySatisfy(line -> assertThat(line).contains("unset property orders.refunds.queue-ur"));
        assertThat(typoIn(dir, routes, "typo-in-contract", List.of(new Typo("contracts/order_created.schema.json",
                "\"minItems\": 1,", "\"minItems\": 1")))).anySatisfy(line -> assertThat(line)
                .startsWith(dir.resolve("typo-in-contract/contracts/order_created.schema.json") + ":")
                .contains("not valid JSON"));
        assertThat(typoIn(dir, routes, "typo-in-alert", List.of(new Typo("orders.properties", "[{reason_class}]",
                "[{reason_clas}]")))).anySatisfy(line -> assertThat(line)
                .startsWith(dir.resolve("typo-in-alert/orders.properties") + ":")
                .contains("names reason_clas, not a field of the archive record"));

        String id = OrdersSqsToDynamodbIT.newOrderId();
        try (ServiceProcess service = ServiceProcess.start(STACK, Map.of("ROUTES_DIR", routes.toString(),
                "REFUNDS_QUEUE_URL", refundsQueue, "MANAGEMENT_PORT", String.valueOf(ServiceProcess.freePort())),
                dir.resolve("service.log"))) {
            // 2. a stored field: the shipping address, an object, as a map
            probe.send(created(id, "[{\"sku\":\"A-1\",\"qty\":2}]", ",\"shipping_address\":{\"city\":\"Porto\","
                    + "\"lines\":[\"Rua 1\"]}"));
            Map<String, AttributeValue> order = await().atMost(PATIENCE).failFast("the service exited",
                    () -> !service.isAlive()).until(() -> probe.order(id), item -> !item.isEmpty());
            assertThat(order.get("shipping_address").m().get("city").s()).isEqualTo("Porto");
            System.out.printf("order_created %s with a shipping address -> DynamoDB ORDER#%s shipping_address=%s%n",
                    id, id, order.get("shipping_address"));

            // 1. a new event type, with the update's stale guard
            probe.send(event("order_cancelled", "2026-12-07T09:05:00Z", "{\"order_id\":\"" + id
                    + "\",\"reason\":\"changed my mind\"}"));
            order = await().atMost(PATIENCE).until(() -> probe.order(id),
                    item -> "cancelled".equals(item.get("status").s()));
            probe.send(event("order_cancelled", "2026-12-07T09:01:00Z", "{\"order_id\":\"" + id
                    + "\",\"reason\":\"an older cancel\"}"));
            await().atMost(PATIENCE).until(() -> service.outcomes(id).getOrDefault("stale", 0) == 1);
            assertThat(probe.order(id).get("cancel_reason").s()).isEqualTo("changed my mind");
            System.out.printf("order_cancelled %s, then an older one -> DynamoDB ORDER#%s status=%s cancel_reason=%s "
                    + "updated_at=%s; outcomes %s%n", id, id, order.get("status").s(), order.get("cancel_reason").s(),
                    order.get("updated_at").s(), service.outcomes(id));

            // 3. a new validation rule: an order without items is poison
            String empty = probe.send(created(id + "-empty", "[]", ""));
            JsonNode archived = await().atMost(PATIENCE).until(() -> probe.archivedRecordOf(empty), Optional::isPresent)
                    .orElseThrow();
            assertThat(archived.get("reason").asText()).isEqualTo("data.items: must not be empty, got []");
            System.out.printf("order_created %s-empty with no items -> DLQ, reason_class=%s reason=%s%n", id,
                    archived.get("reason_class").asText(), archived.get("reason").asText());
            PublishedAlert alert = await().atMost(PATIENCE).until(() -> alertOf(archived.get("s3_key").asText()),
                    Optional::isPresent).orElseThrow();
            // 5. the alert's subject and text
            assertThat(alert.subject()).isEqualTo("Order event dead-lettered");
            assertThat(alert.message()).startsWith("[invalid-event] " + empty + " (receive 1): data.items: must not be "
                    + "empty, got []");
            System.out.printf("alert subject=\"%s\" message=\"%s\"%n", alert.subject(), alert.message());

            // 4. refunded updates forwarded to another queue, with only the attribute the route sets
            probe.send(event("order_updated", "2026-12-07T09:10:00Z", "{\"order_id\":\"" + id
                    + "\",\"status\":\"refunded\"}"));
            Message forwarded = await().atMost(PATIENCE).until(() -> STACK.sqs().receiveMessage(b -> b
                    .queueUrl(refundsQueue).messageAttributeNames("All").waitTimeSeconds(1)).messages(),
                    messages -> !messages.isEmpty()).get(0);
            assertThat(forwarded.messageAttributes().keySet()).containsExactly("order-id");
            assertThat(forwarded.messageAttributes().get("order-id").stringValue()).isEqualTo(id);
            assertThat(new ObjectMapper().readTree(forwarded.body()).path("data").path("status").asText())
                    .isEqualTo("refunded");
            System.out.printf("order_updated %s -> refunded: forwarded to %s body=%s message_attributes=%s%n", id,
                    refundsQueue, new ObjectMapper().readTree(forwarded.body()), forwarded.messageAttributes());
        }
    }

    /** A contract, the type's write and its branch. */
    private static void addTheOrderCancelledType(Path routes) throws IOException {
        Files.copy(CHANGES.resolve("order_cancelled.schema.json"), routes.resolve("contracts/order_cancelled.schema.json"));
        Path orders = routes.resolve("orders-sqs-to-dynamodb.camel.yaml");
        insertBefore(orders, "- route:\n", Files.readString(CHANGES.resolve("order-cancelled-write.yaml")));
        insertBefore(orders, "            otherwise:\n", Files.readString(CHANGES.resolve("order-cancelled-when.yaml")));
    }

    /** One line in the write, and the field in the contract. */
    private static void storeTheShippingAddress(Path routes) throws IOException {
        insertBefore(routes.resolve("orders-sqs-to-dynamodb.camel.yaml"), "          total: \"{data.total}\"\n",
                "          shipping_address: \"{data.shipping_address}\"\n");
        insertBefore(routes.resolve("contracts/order_created.schema.json"), "        \"total\":",
                "        \"shipping_address\": { \"type\": \"object\", \"errorMessage\": { \"type\": \"must be an object\" } },\n");
    }

    /** minItems in the contract, with its reason. */
    private static void rejectOrdersWithoutItems(Path routes) throws IOException {
        replace(routes.resolve("contracts/order_created.schema.json"),
                "\"items\": { \"type\": \"array\", \"errorMessage\": { \"type\": \"must be a list\" } },",
                "\"items\": { \"type\": \"array\", \"minItems\": 1,\n"
                        + "          \"errorMessage\": { \"type\": \"must be a list\", \"minItems\": \"must not be empty\" } },");
    }

    /** The forward after the write, and the variable its queue URL comes from, declared. */
    private static void forwardRefunds(Path routes) throws IOException {
        // before the route's last step, the outcome, as README puts it
        insertBefore(routes.resolve("orders-sqs-to-dynamodb.camel.yaml"),
                "        - bean:\n            description: \"Counted and logged",
                Files.readString(Path.of("src/test/resources/route-examples/forward-refunds.yaml")));
        replace(routes.resolve("environment.yaml"), "variables: []", "variables:\n"
                + Files.readString(CHANGES.resolve("environment-refunds.yaml")));
    }

    /** Two properties beside the routes. */
    private static void changeTheAlert(Path routes) throws IOException {
        Path tunables = routes.resolve("orders.properties");
        replace(tunables, "orders.alerts.subject = DLQ Message Received", "orders.alerts.subject = Order event dead-lettered");
        replace(tunables, "orders.alerts.text = Failed message {source_message_id} from {source_queue}: {reason}. "
                + "Archived to s3://{archive_bucket}/{s3_key}", "orders.alerts.text = [{reason_class}] "
                + "{source_message_id} (receive {receive_count}): {reason}. s3://{archive_bucket}/{s3_key}");
    }

    private static void insertBefore(Path file, String anchor, String text) throws IOException {
        String content = Files.readString(file);
        assertThat(content).as(file + " has " + anchor).containsOnlyOnce(anchor);
        Files.writeString(file, content.replace(anchor, text + anchor));
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String content = Files.readString(file);
        assertThat(content).as(file + " has " + from).containsOnlyOnce(from);
        Files.writeString(file, content.replace(from, to));
    }

    private static Optional<PublishedAlert> alertOf(String s3Key) {
        return STACK.snsStandIn().published().stream().filter(a -> a.message().contains(s3Key)).findFirst();
    }

    private static String created(String id, String items, String more) {
        return event("order_created", TS, "{\"order_id\":\"" + id + "\",\"customer_id\":\"c-1\",\"items\":" + items
                + ",\"total\":12.5" + more + "}");
    }

    private static String event(String type, String timestamp, String data) {
        return "{\"type\":\"" + type + "\",\"timestamp\":\"" + timestamp + "\",\"data\":" + data + "}";
    }

    /** The engineer's tests: one per change, and the three shipped tests whose expectations the changes alter. */
    private static void addTheTestsOfTheChanges(Path routes) throws IOException {
        try (var files = Files.list(CHANGES.resolve("tests"))) {
            for (Path test : files.toList()) {
                Files.copy(test, routes.resolve("tests").resolve(test.getFileName()));
            }
        }
        Path alerted = routes.resolve("tests/order-with-negative-total-is-dead-lettered.yaml");
        replace(alerted, "subject: DLQ Message Received", "subject: Order event dead-lettered");
        replace(alerted, "message: \"Failed message order-with-negative-total-is-dead-lettered from "
                + "https://sqs.us-east-1.amazonaws.com/000000000000/orders-queue: data.total: must be a non-negative "
                + "number, got -1. Archived to s3://", "message: \"[invalid-event] order-with-negative-total-is-dead-"
                + "lettered (receive 1): data.total: must be a non-negative number, got -1. s3://");
        replace(routes.resolve("tests/unknown-event-type-is-dead-lettered.yaml"), "(expected one of order_created,",
                "(expected one of order_cancelled, order_created,");
        // an order without items was valid; order-created-without-items-is-dead-lettered says what it is now
        Files.delete(routes.resolve("tests/order-created-without-items-is-stored.yaml"));
    }

    private record Typo(String file, String from, String to) {
    }

    /** validate-routes on a copy of the changed routes with the typos in it: exit 1, each problem printed. */
    private static List<String> typoIn(Path dir, Path routes, String name, List<Typo> typos) throws Exception {
        Path copy = RouteFiles.copy(routes, dir.resolve(name));
        for (Typo typo : typos) {
            replace(copy.resolve(typo.file()), typo.from(), typo.to());
        }
        return command(dir, name, Map.of(), 1, "validate-routes", copy.toString());
    }

    /** Runs {@code java -jar order-router.jar ARGS} to its end; prints and returns its output. */
    private static List<String> command(Path dir, String name, Map<String, String> env, int exit, String... args)
            throws Exception {
        try (ServiceProcess command = ServiceProcess.start(STACK, env, dir.resolve(name + ".log"), args)) {
            assertThat(command.waitForExit(Duration.ofSeconds(120))).as(String.join("\n", command.logLines()))
                    .isEqualTo(exit);
            System.out.println("$ java -jar target/order-router.jar " + String.join(" ", args));
            command.logLines().forEach(System.out::println);
            return command.logLines();
        }
    }
}
