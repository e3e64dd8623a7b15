package com.orderrouter.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderrouter.localstack.LocalAwsStack;
import com.orderrouter.localstack.ServiceProcess;
import com.orderrouter.localstack.StackProbe;
import com.orderrouter.testing.RouteFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's "Fix and replay", as an operator lives it, with the jar: a route edit with a typo sends every
 * {@code order_created} to the DLQ, where it is archived; the fix is deployed; {@code replay --dry-run} lists the
 * dead letter, {@code replay} sends it back, the order is stored, and a second {@code replay} skips it. Prints each
 * step's real output.
 */
class FixAndReplayIT {

    private static final String ORDER = "{\"type\":\"order_created\",\"data\":{\"order_id\":\"2001\","
            + "\"customer_id\":\"c-77\",\"items\":[{\"sku\":\"A-1\",\"qty\":2}],\"total\":59.95},"
            + "\"timestamp\":\"2026-11-30T09:00:00Z\"}";

    @Test
    void anOrderRejectedByABrokenRouteIsStoredAfterTheFixByReplay(@TempDir Path dir) throws Exception {
        Path brokenRoutes = brokenCopyOfTheRoutes(dir.resolve("routes"));
        try (LocalAwsStack stack = LocalAwsStack.start()) {
            StackProbe probe = new StackProbe(stack);
            String messageId;
            JsonNode archived;
            try (ServiceProcess broken = ServiceProcess.start(stack, Map.of("ROUTES_DIR", brokenRoutes.toString(),
                    "MANAGEMENT_PORT", String.valueOf(ServiceProcess.freePort())), dir.resolve("broken.log"))) {
                messageId = stack.sqs().sendMessage(b -> b.queueUrl(stack.resources().ordersQueueUrl())
                        .messageBody(ORDER).messageAttributes(Map.of("tenant", MessageAttributeValue.builder()
                                .dataType("String.tenant").stringValue("acme").build()))).messageId();
                archived = await().atMost(Duration.ofSeconds(60)).until(() -> probe.archivedRecordOf(messageId)
                        .orElse(null), record -> record != null);
            }
            assertThat(archived.path("reason_class").asText()).isEqualTo("unknown-type");
            assertThat(probe.order("2001")).isEmpty();
            String key = archived.path("s3_key").asText();
            System.out.printf("order_created 2001 with the broken route -> archived to s3://%s/%s%n  reason_class=%s "
                    + "reason=%s message_attributes=%s%n", stack.sinks().archiveBucket(), key,
                    archived.path("reason_class").asText(), archived.path("reason").asText(),
                    archived.path("message_attributes"));

            String day = LocalDate.now(ZoneOffset.UTC).toString();
            try (ServiceProcess fixed = ServiceProcess.start(stack, Map.of("MANAGEMENT_PORT",
                    String.valueOf(ServiceProcess.freePort())), dir.resolve("fixed.log"))) {
                List<String> dryRun = command(stack, dir, "dry-run", "replay", "--from", day, "--dry-run");
                assertThat(dryRun).containsExactly(messageId + "  unknown-type  " + archived.path("reason").asText()
                        + "  " + key, "dry run, nothing sent: would-replay=1 skipped-already-replayed=0 failed=0");

                List<String> replay = command(stack, dir, "replay", "replay", "--from", day);
                assertThat(replay).hasSize(2).last().isEqualTo("replayed=1 skipped-already-replayed=0 failed=0");
                assertThat(replay.get(0)).startsWith("replayed " + messageId + "  " + key + " as ");

                Map<String, AttributeValue> stored = await().atMost(Duration.ofSeconds(60))
                        .until(() -> probe.order("2001"), item -> !item.isEmpty());
                assertThat(stored.get("status").s()).isEqualTo("pending");
                assertThat(stored.get("total").n()).isEqualTo("59.95");
                System.out.printf("DynamoDB ORDER#2001 status=%s total=%s customer_id=%s%n", stored.get("status").s(),
                        stored.get("total").n(), stored.get("customer_id").s());

                List<String> again = command(stack, dir, "rerun", "replay", "--from", day);
                assertThat(again).containsExactly("replayed=0 skipped-already-replayed=1 failed=0");
            }
            assertThat(stack.s3().getObjectAsBytes(b -> b.bucket(stack.sinks().archiveBucket())
                    .key("replayed/" + key)).asUtf8String()).contains("\"replayed_from_attribute\":true");
        }
    }

    /** The project's routes with the edit that broke them: {@code order_created} misspelt in the choice. */
    private static Path brokenCopyOfTheRoutes(Path copy) throws IOException {
        Path routes = Path.of(System.getProperty("orderrouter.routes.dir", "routes"));
        RouteFiles.copy(routes, copy);
        Path orders = copy.resolve("orders-sqs-to-dynamodb.camel.yaml");
        String yaml = Files.readString(orders);
        String fixed = "== 'order_created'";
        assertThat(yaml).containsOnlyOnce(fixed);
        Files.writeString(orders, yaml.replace(fixed, "== 'order-created'"));
        return copy;
    }

    /** Runs {@code java -jar order-router.jar ARGS} to its end with the service's environment; prints and returns its output. */
    private static List<String> command(LocalAwsStack stack, Path dir, String name, String... args) throws Exception {
        try (ServiceProcess command = ServiceProcess.start(stack, Map.of(), dir.resolve(name + ".log"), args)) {
            assertThat(command.waitForExit(Duration.ofSeconds(60))).as(String.join("\n", command.logLines())).isZero();
            System.out.println("$ java -jar target/order-router.jar " + String.join(" ", args));
            command.logLines().forEach(System.out::println);
            return command.logLines();
        }
    }
}
