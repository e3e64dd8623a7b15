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

        List<String> check = command(dir, "validate", Map.of("REFUNDS_QUEUE_URL", refundsQueue), "validate-routes",
                routes.toString());
        assertThat(check).containsExactly("routes OK: " + routes);

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

    /** Runs {@code java -jar order-router.jar ARGS} to its end; prints and returns its output. */
    private static List<String> command(Path dir, String name, Map<String, String> env, String... args)
            throws Exception {
        try (ServiceProcess command = ServiceProcess.start(STACK, env, dir.resolve(name + ".log"), args)) {
            assertThat(command.waitForExit(Duration.ofSeconds(60))).as(String.join("\n", command.logLines())).isZero();
            System.out.println("$ java -jar target/order-router.jar " + String.join(" ", args));
            command.logLines().forEach(System.out::println);
            return command.logLines();
        }
    }
}
