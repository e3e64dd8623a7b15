package com.orderrouter.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
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

    private record DemoEvent(String label, String orderId, String body) {
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
        for (DemoEvent event : demoEvents()) {
            if (!service.isAlive()) {
                System.out.printf("The service exited with code %d; its log:%n%s%n", service.exitValue(),
                        Files.readString(log));
                System.exit(1);
            }
            String messageId = probe.send(event.body());
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
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(stack.serviceEnvironment());
        builder.environment().put("ROUTES_DIR", routes.toAbsolutePath().toString());
        return builder.start();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<DemoEvent> demoEvents() {
        String now = Instant.now().toString();
        String later = Instant.now().plusSeconds(60).toString();
        String earlier = Instant.now().minusSeconds(60).toString();
        String created = """
                {"type":"order_created","timestamp":"%s","correlation_id":"demo-1",\
                "data":{"order_id":"1001","customer_id":"cust-42",\
                "items":[{"sku":"BOOK-1","quantity":2,"price":12.50},{"sku":"PEN-7","quantity":1,"price":4.97}],\
                "total":29.97}}""".formatted(now);
        return List.of(
                new DemoEvent("order_created 1001", "1001", created),
                new DemoEvent("order_updated 1001 -> paid", "1001", updated("1001", "paid", later)),
                new DemoEvent("order_created 1001 again (duplicate)", "1001", created),
                new DemoEvent("older order_updated 1001 -> cancelled", "1001", updated("1001", "cancelled", earlier)),
                new DemoEvent("order_created 1002 with total -5", "1002",
                        created.replace("1001", "1002").replace("29.97}", "-5}")),
                new DemoEvent("order_shipped 1001 (unknown type)", "1001",
                        created.replace("order_created", "order_shipped")),
                new DemoEvent("not JSON", "1003", "order 1003 please"));
    }

    private static String updated(String orderId, String status, String timestamp) {
        return """
                {"type":"order_updated","timestamp":"%s","data":{"order_id":"%s","status":"%s"}}"""
                .formatted(timestamp, orderId, status);
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
                probe.archivedRecordOf(messageId).ifPresent(record -> outcome.set(deadLetter(stack, record)));
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

    private static String deadLetter(LocalAwsStack stack, JsonNode record) {
        String key = record.get("s3_key").asText();
        String alert = stack.snsStandIn().published().stream().filter(a -> a.message().contains(key))
                .map(a -> "alert \"" + a.subject() + "\" reason-class=" + a.attribute("reason-class"))
                .findFirst().orElse("no alert yet");
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
