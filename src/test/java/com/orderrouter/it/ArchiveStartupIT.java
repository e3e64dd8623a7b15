package com.orderrouter.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.orderrouter.localstack.CuttableProxy;
import com.orderrouter.localstack.LocalAwsStack;
import com.orderrouter.localstack.OrderEventsJson;
import com.orderrouter.localstack.ServiceProcess;
import com.orderrouter.localstack.StackProbe;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The jar as a real process: S3 being unreachable at start-up does not stop order ingestion (the archive catches up
 * when S3 answers). A bucket or topic that does not exist stops start-up naming the setting: see StartupChecksIT.
 */
class ArchiveStartupIT {

    private static final LocalAwsStack STACK = LocalAwsStack.shared();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private final StackProbe probe = new StackProbe(STACK);

    @Test
    void anUnreachableS3AtStartUpDoesNotStopIngestionAndTheArchiveCatchesUpWhenItAnswers() throws Exception {
        int managementPort = ServiceProcess.freePort();
        try (CuttableProxy s3 = new CuttableProxy(STACK.serviceEnvironment().get("AWS_ENDPOINT_URL_S3"))) {
            s3.cut();
            try (ServiceProcess service = ServiceProcess.start(STACK, Map.of("AWS_ENDPOINT_URL_S3", s3.endpoint(),
                    "MANAGEMENT_PORT", String.valueOf(managementPort)), Path.of("target/service-s3-down.log"))) {
                await().atMost(PATIENCE).failFast("the service exited", () -> !service.isAlive())
                        .until(() -> String.join("\n", service.logLines()).contains("started in"));
                String down = readinessBody(managementPort);
                System.out.println("readiness with S3 unreachable: " + down);
                assertThat(down).contains("{\"name\":\"dead-letter-archive\",\"status\":\"DOWN\"")
                        .contains("DLQ_BUCKET=" + STACK.sinks().archiveBucket())
                        .contains("{\"name\":\"orders-queue\",\"status\":\"UP\"}")
                        .contains("{\"name\":\"route:orders-sqs-to-dynamodb\",\"status\":\"UP\"}");

                String orderId = OrdersSqsToDynamodbIT.newOrderId();
                probe.send(OrderEventsJson.created(orderId, "2026-11-30T09:00:00Z"));
                String poison = probe.send("not json " + orderId);
                await().atMost(PATIENCE).failFast("the service exited", () -> !service.isAlive())
                        .until(() -> !probe.order(orderId).isEmpty());
                // the poison message reached the DLQ, whose route cannot archive it yet
                await().atMost(PATIENCE).until(() -> String.join("\n", service.logLines())
                        .contains("not archived yet, retried later"));
                assertThat(probe.archivedRecordOf(poison)).isEmpty();

                s3.heal();
                await().atMost(PATIENCE).until(() -> ServiceProcess.readiness(managementPort) == 200);
                System.out.println("readiness once S3 answers: " + readinessBody(managementPort));
                // released with the first visibility backoff (30 s), then archived on its next receive
                await().atMost(PATIENCE).until(() -> probe.archivedRecordOf(poison), Optional::isPresent);
                // the stack is shared: leave its queues empty for the next test
                await().atMost(PATIENCE).until(() -> probe.ordersQueueDepth() == 0
                        && probe.deadLetterQueueDepth() == 0);
                service.logLines().stream().filter(l -> !l.contains("\"level\":\"INFO\"")
                        || l.contains("dead letter archived")).forEach(System.out::println);
                assertThat(String.join("\n", service.logLines())).doesNotContain("\"level\":\"ERROR\"");
            }
        }
    }

    private static String readinessBody(int managementPort) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/observe/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
