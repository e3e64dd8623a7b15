package com.orderrouter.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.orderrouter.localstack.OrderEventsJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The management endpoints over HTTP: Prometheus counts after a known mix of messages, and health. */
class MetricsAndHealthIT extends ServiceOnLocalStack {

    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)(\\{[^}]*\\})? ([-0-9.Ee+]+)$", Pattern.MULTILINE);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void scrapeCountsExactlyWhatHappenedToAKnownMixOfMessages() throws Exception {
        await().atMost(PATIENCE).until(() -> probe.ordersQueueDepth() == 0 && probe.deadLetterQueueDepth() == 0);
        Map<String, Double> before = scrape();
        String a = OrdersSqsToDynamodbIT.newOrderId();
        String b = OrdersSqsToDynamodbIT.newOrderId();
        String c = OrdersSqsToDynamodbIT.newOrderId();
        for (String id : new String[] { a, b, c }) {
            probe.send(OrderEventsJson.created(id, "2026-11-27T10:00:00Z"));
        }
        await().atMost(PATIENCE).until(() -> !probe.order(a).isEmpty() && !probe.order(b).isEmpty()
                && !probe.order(c).isEmpty());
        probe.send(OrderEventsJson.created(a, "2026-11-27T10:00:00Z"));                 // duplicate
        probe.send(OrderEventsJson.updated(b, "paid", "2026-11-27T11:00:00Z"));         // success
        probe.send(OrderEventsJson.updated(c, "paid", "2026-11-27T09:00:00Z"));         // stale
        probe.send(OrderEventsJson.created(a, "2026-11-27T10:00:00Z").replace("19.99}}", "-1}}")); // poison
        probe.send(OrderEventsJson.created(a, "2026-11-27T10:00:00Z").replace("order_created", "order_paid"));

        await().atMost(PATIENCE).until(() -> delta(before, scrape(), "orders_alerts_published_total") == 2
                && probe.ordersQueueDepth() == 0);
        Map<String, Double> after = scrape();

        assertThat(delta(before, after, sample("order_created", "success"))).isEqualTo(3);
        assertThat(delta(before, after, sample("order_created", "duplicate"))).isEqualTo(1);
        assertThat(delta(before, after, sample("order_updated", "success"))).isEqualTo(1);
        assertThat(delta(before, after, sample("order_updated", "stale"))).isEqualTo(1);
        assertThat(delta(before, after, sample("order_created", "poison"))).isEqualTo(1);
        assertThat(delta(before, after, sample("unknown", "poison"))).isEqualTo(1);
        assertThat(delta(before, after, sample("order_created", "retry"))).isZero();
        assertThat(delta(before, after, "orders_dlq_archived_total{reason_class=\"invalid-event\"}")).isEqualTo(1);
        assertThat(delta(before, after, "orders_dlq_archived_total{reason_class=\"unknown-type\"}")).isEqualTo(1);
        assertThat(delta(before, after, "orders_processing_duration_seconds_count{type=\"order_created\"}"))
                .isEqualTo(5);
        assertThat(after).containsKey("orders_processing_duration_seconds_bucket{type=\"order_created\",le=\"+Inf\"}");
        assertThat(after.keySet()).anyMatch(name -> name.startsWith("camel_exchanges_total"))
                .anyMatch(name -> name.startsWith("jvm_memory_used_bytes"));
    }

    @Test
    void readinessAndLivenessAreUpWhileRunning() throws Exception {
        HttpResponse<String> ready = get("/observe/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).startsWith("{\"status\":\"UP\"").contains("orders-queue")
                .contains("route:orders-sqs-to-dynamodb").contains("route:orders-dlq-to-s3-and-sns");
        assertThat(get("/observe/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void scrapesAreServedByASmallFixedPoolOfThreads() throws Exception {
        for (int i = 0; i < 12; i++) {
            assertThat(get("/observe/metrics").statusCode()).isEqualTo(200);
        }
        long workers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("vert.x-worker-thread-")).count();
        assertThat(workers).isBetween(1L, 4L);
    }

    private static String sample(String type, String outcome) {
        return "orders_messages_processed_total{outcome=\"" + outcome + "\",type=\"" + type + "\"}";
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String sample) {
        return after.getOrDefault(sample, 0.0) - before.getOrDefault(sample, 0.0);
    }

    /** Prometheus text format: sample name with its labels → value. */
    private Map<String, Double> scrape() throws IOException, InterruptedException {
        Map<String, Double> samples = new HashMap<>();
        Matcher m = SAMPLE.matcher(get("/observe/metrics").body());
        while (m.find()) {
            samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2).replace(",}", "}")),
                    Double.parseDouble(m.group(3)));
        }
        return samples;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
