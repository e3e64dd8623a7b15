package com.orderrouter.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderrouter.localstack.LocalAwsStack;
import com.orderrouter.localstack.OrderEventsJson;
import com.orderrouter.localstack.ServiceProcess;
import com.orderrouter.localstack.StackProbe;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The jar as a real process whose orders queue is deleted while it runs: the log says the queue does not exist (not
 * that it is unreachable), readiness is DOWN saying so, polling keeps backing off, and once the queue is created again
 * (as Terraform would) orders flow again.
 */
class QueueDeletedWhileRunningIT {

    private static final LocalAwsStack STACK = LocalAwsStack.shared();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StackProbe probe = new StackProbe(STACK);

    @Test
    void aDeletedOrdersQueueIsLoggedAsDeletedTurnsReadinessDownAndOrdersFlowOnceItIsCreatedAgain() throws Exception {
        String name = "orders-deleted-" + UUID.randomUUID().toString().substring(0, 8);
        String queueUrl = STACK.sqs().createQueue(b -> b.queueName(name)).queueUrl();
        int managementPort = ServiceProcess.freePort();
        try (ServiceProcess service = ServiceProcess.start(STACK, Map.of("QUEUE_URL", queueUrl,
                "ORDERS_POLL_WAIT_SECONDS", "1", "MANAGEMENT_PORT", String.valueOf(managementPort)),
                Path.of("target/service-queue-deleted.log"))) {
            await().atMost(PATIENCE).failFast("the service exited", () -> !service.isAlive())
                    .until(() -> ServiceProcess.readiness(managementPort) == 200);
            int linesBefore = service.logLines().size();

            STACK.sqs().deleteQueue(b -> b.queueUrl(queueUrl));
            await().atMost(PATIENCE).failFast("the service exited", () -> !service.isAlive())
                    .until(() -> ServiceProcess.readiness(managementPort) == 503);
            String body = readiness(managementPort);
            System.out.println("readiness while deleted: " + body);
            JsonNode ordersQueue = check(JSON.readTree(body), "orders-queue");
            assertThat(ordersQueue.path("status").asText()).isEqualTo("DOWN");
            // Camel's health JSON escapes a slash twice: the message reads "http:\/\/..." once parsed
            assertThat(ordersQueue.path("message").asText().replace("\\/", "/")).isEqualTo("QUEUE_URL=" + queueUrl
                    + ": SQS answered 400, does not exist (QueueDoesNotExist)");
            await().atMost(PATIENCE).until(() -> linesSince(service, linesBefore).stream()
                    .anyMatch(line -> line.contains("orders queue does not exist (deleted?)")));
            List<String> whileDeleted = linesSince(service, linesBefore);
            whileDeleted.forEach(line -> System.out.println("while deleted: " + line));
            assertThat(whileDeleted).filteredOn(line -> line.contains("orders queue does not exist (deleted?)"))
                    .singleElement().asString().contains("\"level\":\"WARN\"")
                    .contains("polling backs off from 1 s up to 30 s");
            assertThat(whileDeleted).noneMatch(line -> line.contains("unreachable"));
            assertThat(service.isAlive()).as("still running, backing off").isTrue();

            assertThat(STACK.sqs().createQueue(b -> b.queueName(name)).queueUrl()).isEqualTo(queueUrl);
            await().atMost(PATIENCE).failFast("the service exited", () -> !service.isAlive())
                    .until(() -> ServiceProcess.readiness(managementPort) == 200);
            String orderId = OrdersSqsToDynamodbIT.newOrderId();
            STACK.sqs().sendMessage(b -> b.queueUrl(queueUrl)
                    .messageBody(OrderEventsJson.created(orderId, "2026-11-30T09:00:00Z")));
            await().atMost(PATIENCE).until(() -> !probe.order(orderId).isEmpty());
            await().atMost(PATIENCE).until(() -> service.logLines().stream()
                    .anyMatch(line -> line.contains("orders queue exists again")));
            service.logLines().stream().filter(line -> line.contains("orders queue exists again"))
                    .forEach(System.out::println);
        } finally {
            deleteIfExists(queueUrl);
        }
    }

    /** Cleans up without hiding a failure that left the queue deleted. */
    private static void deleteIfExists(String queueUrl) {
        try {
            STACK.sqs().deleteQueue(b -> b.queueUrl(queueUrl));
        } catch (QueueDoesNotExistException e) {
            // deleted by the test already
        }
    }

    private static List<String> linesSince(ServiceProcess service, int from) {
        List<String> lines = service.logLines();
        return lines.subList(from, lines.size());
    }

    private static JsonNode check(JsonNode readiness, String name) {
        for (JsonNode check : readiness.path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + readiness);
    }

    private static String readiness(int managementPort) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/observe/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
