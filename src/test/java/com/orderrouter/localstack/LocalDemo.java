package com.orderrouter.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.orderrouter.localstack.SnsStandIn.PublishedAlert;
import com.orderrouter.producer.OrderProducer;
import com.orderrouter.producer.ProducerOptions;
import org.awaitility.core.ConditionTimeoutException;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.awaitility.Awaitility.await;

/**
 * The README's run command ({@code ./mvnw -Pdemo}): starts the local AWS stack, runs the service's jar against it as a
 * separate process configured only by environment variables (as in production), sends demo events and prints where
 * each one ended up. Then it keeps everything running until Ctrl-C.
 */
public final class LocalDemo {

    private static final Duration OUTCOME_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A demo event: how it is sent (returning the SQS message id, or null when not known) and its order. */
    private record DemoEvent(String label, String orderId, BiFunction<OrderProducer, StackProbe, String> send) {
    }

    private LocalDemo() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(System.getProperty("orderrouter.jar", "target/order-router.jar"));
        Path routes = Path.of(System.getProperty("orderrouter.routes.dir", "routes"));
        Path log = jar.resolveSibling("demo-service.log");

        System.out.println("Starting the local AWS stack (ElasticMQ: SQS, dynalite: DynamoDB, S3Proxy: S3, "
                + "WireMock stand-in: SNS)...");
        LocalAwsStack stack = LocalAwsStack.start();
        Process service = startService(stack, jar, routes, log);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the service and the local stack...");
            service.destroy();
            try {
                service.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stack.close();
            stopped.countDown();
        }, "demo-stop"));

        System.out.printf("Service started (pid %d), logging to %s%n%n", service.pid(), log);
        StackProbe probe = new StackProbe(stack);
        OrderProducer producer = new OrderProducer(stack.sqs(), stack.resources().ordersQueueUrl(),
                ProducerOptions.defaults(stack.resources().ordersQueueUrl()));
        for (DemoEvent event : demoEvents()) {
            if (!service.isAlive()) {
                System.out.printf("The service exited with code %d; its log:%n%s%n", service.exitValue(),
                        Files.readString(log));
                System.exit(1);
            }
            String messageId = event.send().apply(producer, probe);
            System.out.printf("%-38s -> %s%n", event.label(), outcome(stack, probe, event.orderId(), messageId, service));
        }
        System.out.printf("%nThe service keeps running on the local stack. Orders queue: %s%nPress Ctrl-C to stop.%n",
                stack.resources().ordersQueueUrl());
        stopped.await();
    }

    private static Process startService(LocalAwsStack stack, Path jar, Path routes, Path log) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw package");
        }
        // the container's JVM flags, as ServiceProcess starts the jar
        Path flags = Path.of(System.getProperty("orderrouter.jvm.options", "docker/jvm.options")).toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "@" + flags, "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(stack.serviceEnvironment());
        builder.environment().put("ROUTES_DIR", routes.toAbsolutePath().toString());
        return builder.start();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Sent through the project's producer (the send command's library), except the deliberately broken ones. */
    private static List<DemoEvent> demoEvents() {
        ObjectNode order = JSON.createObjectNode().put("order_id", "1001").put("customer_id", "cust-42");
        order.putArray("items").add(JSON.createObjectNode().put("sku", "BOOK-1").put("quantity", 2).put("price", 12.50))
                .add(JSON.createObjectNode().put("sku", "PEN-7").put("quantity", 1).put("price", 4.97));
        order.put("total", new java.math.BigDecimal("29.97"));
        ObjectNode negative = order.deepCopy().put("order_id", "1002").put("total", -5);
        ObjectNode earlierCancel = JSON.createObjectNode().put("type", "order_updated")
                .put("timestamp", Instant.now().minusSeconds(3_600).toString());
        earlierCancel.putObject("data").put("order_id", "1001").put("status", "cancelled");
        return List.of(
                new DemoEvent("order_created 1001", "1001", (p, raw) -> p.send("order_created", order)),
                new DemoEvent("order_updated 1001 -> paid", "1001", (p, raw) -> p.send("order_updated", status("paid"))),
                new DemoEvent("order_created 1001 again (duplicate)", "1001", (p, raw) -> p.send("order_created", order)),
                new DemoEvent("older order_updated 1001 -> cancelled", "1001", (p, raw) -> {
                    p.sendAll(List.of(earlierCancel)); // keeps the event's own (older) timestamp
                    return null;
                }),
                new DemoEvent("order_created 1002 with total -5", "1002", (p, raw) -> p.send("order_created", negative)),
                new DemoEvent("order_shipped 1001 (unknown type)", "1001", (p, raw) -> p.send("order_shipped", order)),
                // what a broken producer might put on the queue: sent raw, past the producer's checks
                new DemoEvent("not JSON", "1003", (p, raw) -> raw.send("order 1003 please")));
    }

    private static ObjectNode status(String status) {
        return JSON.createObjectNode().put("order_id", "1001").put("status", status);
    }

    /**
     * Waits until the message has been dealt with: archived from the DLQ (S3 key and SNS alert), or gone from both
     * queues, in which case the stored order is shown.
     */
    private static String outcome(LocalAwsStack stack, StackProbe probe, String orderId, String messageId,
            Process service) {
        AtomicReference<String> outcome = new AtomicReference<>();
        try {
            await().atMost(OUTCOME_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!service.isAlive()) {
                    outcome.set("the service exited (code " + service.exitValue() + "); see its log");
                }
                if (messageId != null) {
                    // done when archived and alerted (the alert follows the archive put)
                    probe.archivedRecordOf(messageId).filter(record -> alertFor(stack, record).isPresent())
                            .ifPresent(record -> outcome.set(deadLetter(stack, record)));
                }
                if (outcome.get() == null && probe.ordersQueueDepth() == 0 && probe.deadLetterQueueDepth() == 0) {
                    outcome.set("DynamoDB " + describe(probe.order(orderId)));
                }
                return outcome.get() != null;
            });
            return outcome.get();
        } catch (ConditionTimeoutException e) {
            return "still on the orders queue after " + OUTCOME_TIMEOUT.toSeconds() + " s (being retried)";
        }
    }

    private static Optional<PublishedAlert> alertFor(LocalAwsStack stack, JsonNode record) {
        String key = record.get("s3_key").asText();
        return stack.snsStandIn().published().stream().filter(a -> a.message().contains(key)).findFirst();
    }

    private static String deadLetter(LocalAwsStack stack, JsonNode record) {
        String key = record.get("s3_key").asText();
        String alert = alertFor(stack, record)
                .map(a -> "alert \"" + a.subject() + "\" reason-class=" + a.attribute("reason-class"))
                .orElse("no alert yet");
        return "DLQ, reason: %s%n%40s archived to s3://%s/%s, %s".formatted(record.get("reason").asText(), "",
                stack.sinks().archiveBucket(), key, alert);
    }

    private static String describe(Map<String, AttributeValue> item) {
        if (item.isEmpty()) {
            return "(no item)";
        }
        return "%s status=%s total=%s updated_at=%s".formatted(item.get("pk").s(), item.get("status").s(),
                item.get("total").n(), item.get("updated_at").s());
    }

}
