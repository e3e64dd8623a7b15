package com.orderrouter.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.orderrouter.localstack.CuttableProxy;
import com.orderrouter.localstack.LocalAwsStack;
import com.orderrouter.localstack.OrderEventsJson;
import com.orderrouter.localstack.ServiceProcess;
import com.orderrouter.localstack.StackProbe;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The jar as a real process with SQS behind a proxy that the test cuts for 20 s (every connection reset) and then
 * heals: polling backs off instead of hammering the endpoint, the outage is logged in a few lines, readiness follows
 * the queue, and orders flow again afterwards.
 */
class SqsOutageIT {

    private static final LocalAwsStack STACK = LocalAwsStack.shared();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Duration CUT = Duration.ofSeconds(20);
    /**
     * ReceiveMessage requests while cut, both queues (10 + 2 consumers) together. Without backoff it was 666 in 25 s.
     * With it: the polls waiting at the cut fail and the SDK retries each (up to 3 times), then one probe per queue
     * after 1, 2, 4 and 8 s, each with its retries.
     */
    private static final long MAX_RECEIVES_DURING_CUT = 80;
    /** Log lines while cut: one WARN per queue when it starts; summaries come after a minute. */
    private static final long MAX_LOG_LINES_DURING_CUT = 4;

    private final StackProbe probe = new StackProbe(STACK);

    @Test
    void anSqsOutageBacksOffLogsAFewLinesTurnsReadinessDownAndOrdersFlowAgainAfterIt() throws Exception {
        int managementPort = ServiceProcess.freePort();
        try (CuttableProxy sqs = new CuttableProxy(STACK.serviceEnvironment().get("AWS_ENDPOINT_URL_SQS"));
                ServiceProcess service = ServiceProcess.start(STACK, Map.of("AWS_ENDPOINT_URL_SQS", sqs.endpoint(),
                        "MANAGEMENT_PORT", String.valueOf(managementPort)), Path.of("target/service-sqs-outage.log"))) {
            await().atMost(PATIENCE).failFast("the service exited", () -> !service.isAlive())
                    .until(() -> ServiceProcess.readiness(managementPort) == 200);
            String before = OrdersSqsToDynamodbIT.newOrderId();
            probe.send(OrderEventsJson.created(before, "2026-11-30T09:00:00Z"));
            await().atMost(PATIENCE).until(() -> !probe.order(before).isEmpty());
            // and deleted: a delete lost in the cut would leave it invisible on the shared queue for 5 minutes
            await().atMost(PATIENCE).until(() -> probe.ordersQueueDepth() == 0);
            System.out.println("readiness before the cut: " + readinessBody(managementPort));

            int linesBeforeCut = service.logLines().size();
            sqs.cut();
            long cutAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(15)).until(() -> ServiceProcess.readiness(managementPort) == 503);
            String down = readinessBody(managementPort);
            System.out.println("readiness during the cut: " + down);
            // the cut lasts CUT; readiness must still be DOWN at its end
            await().pollDelay(Duration.ofNanos(Math.max(0, CUT.toNanos() - (System.nanoTime() - cutAt)))).atMost(CUT)
                    .until(() -> ServiceProcess.readiness(managementPort) == 503);
            Map<String, Long> refused = sqs.refusedRequests();
            List<String> cutLines = service.logLines().subList(linesBeforeCut, service.logLines().size());
            sqs.heal();

            await().atMost(PATIENCE).until(() -> ServiceProcess.readiness(managementPort) == 200);
            System.out.println("readiness after the heal: " + readinessBody(managementPort));
            String batch = OrdersSqsToDynamodbIT.newOrderId();
            List<String> ids = IntStream.range(0, 20).mapToObj(i -> batch + "-" + i).toList();
            probe.sendAll(ids.stream().map(id -> OrderEventsJson.created(id, "2026-11-30T09:01:00Z")).toList());
            await().atMost(PATIENCE).failFast("the service exited", () -> !service.isAlive())
                    .until(() -> ids.stream().allMatch(id -> !probe.order(id).isEmpty()));
            await().atMost(PATIENCE).until(() -> String.join("\n", service.logLines())
                    .contains("orders queue reachable again"));
            // the stack is shared: leave its queues empty for the next test
            await().atMost(PATIENCE).until(() -> probe.ordersQueueDepth() == 0 && probe.deadLetterQueueDepth() == 0);

            System.out.println("requests refused during the " + CUT.toSeconds() + " s cut: " + refused);
            System.out.println("log lines during the cut (" + cutLines.size() + "):");
            cutLines.forEach(System.out::println);
            List<String> all = service.logLines();
            all.stream().filter(l -> l.contains("PollBackoff")).forEach(System.out::println);

            assertThat(refused.getOrDefault("ReceiveMessage", 0L)).as("ReceiveMessage requests during the cut")
                    .isPositive().isLessThanOrEqualTo(MAX_RECEIVES_DURING_CUT);
            assertThat(cutLines).as("log lines during the cut").hasSizeLessThanOrEqualTo((int) MAX_LOG_LINES_DURING_CUT)
                    .anyMatch(l -> l.contains("\"level\":\"WARN\"") && l.contains("orders queue unreachable"));
            assertThat(down).contains("\"name\":\"orders-queue\",\"status\":\"DOWN\"");
            assertThat(String.join("\n", all)).doesNotContain("\"level\":\"ERROR\"")
                    .doesNotContain("failed polling endpoint").doesNotContain("\"stack_trace\"");
            assertThat(all).filteredOn(l -> l.contains("orders queue reachable again"))
                    .singleElement().asString().contains("\"level\":\"INFO\"");
            assertThat(pollFailures(managementPort)).as("orders_poll_failures_total{queue=orders}").isPositive();
        }
    }

    private static String readinessBody(int managementPort) throws IOException, InterruptedException {
        return get(managementPort, "/observe/health/ready");
    }

    private static double pollFailures(int managementPort) throws IOException, InterruptedException {
        Map<String, Double> values = new HashMap<>();
        for (String line : get(managementPort, "/observe/metrics").split("\n")) {
            if (line.startsWith("orders_poll_failures_total{")) {
                values.put(line.substring(0, line.lastIndexOf(' ')),
                        Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return values.getOrDefault("orders_poll_failures_total{queue=\"orders\"}", 0.0);
    }

    private static String get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
