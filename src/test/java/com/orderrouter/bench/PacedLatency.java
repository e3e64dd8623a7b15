package com.orderrouter.bench;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.orderrouter.localstack.CountingProxy;
import com.orderrouter.localstack.LocalAwsStack;
import com.orderrouter.localstack.OrderEventsJson;
import com.orderrouter.localstack.StackProbe;

/**
 * End-to-end latency under a steady load, for a consumer that is already running: one order_created per tick at a
 * fixed rate (SendMessage straight to the queue), latency = from just before the send to the moment DynamoDB answered
 * the PutItem for that order, as seen by the {@link CountingProxy} in front of it. Both clocks are this JVM's.
 */
final class PacedLatency {

    private static final Pattern ORDER_KEY = Pattern.compile("\"ORDER#([^\"]+)\"");
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(60);

    record Figures(int rate, int sent, int stored, double p50Millis, double p99Millis, double maxMillis) {
        @Override
        public String toString() {
            return "%d msg/s, %d sent, %d stored: p50 %.0f ms, p99 %.0f ms, max %.0f ms".formatted(rate, sent, stored,
                    p50Millis, p99Millis, maxMillis);
        }
    }

    private PacedLatency() {
    }

    static Figures measure(LocalAwsStack stack, CountingProxy ddbProxy, String prefix, int rate, int seconds)
            throws Exception {
        int total = rate * seconds;
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> storedAt = new ConcurrentHashMap<>();
        ddbProxy.onSuccess((operation, body) -> {
            if (operation.equals("PutItem")) {
                Matcher key = ORDER_KEY.matcher(new String(body, StandardCharsets.UTF_8));
                if (key.find() && key.group(1).startsWith(prefix)) {
                    storedAt.putIfAbsent(key.group(1), System.nanoTime());
                }
            }
        });
        StackProbe probe = new StackProbe(stack);
        AtomicInteger next = new AtomicInteger();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        try {
            ticker.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i >= total) {
                    return;
                }
                String id = prefix + i;
                sentAt.put(id, System.nanoTime());
                probe.send(OrderEventsJson.created(id, Preload.CREATED_AT));
            }, 0, TimeUnit.SECONDS.toNanos(1) / rate, TimeUnit.NANOSECONDS);
            long settleBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds) + SETTLE_NANOS;
            while (storedAt.size() < total && System.nanoTime() < settleBy) {
                Thread.sleep(100);
            }
        } finally {
            ticker.shutdownNow();
            ddbProxy.onSuccess((operation, body) -> { });
        }
        double[] millis = storedAt.entrySet().stream().filter(e -> sentAt.containsKey(e.getKey()))
                .mapToDouble(e -> (e.getValue() - sentAt.get(e.getKey())) / 1e6).sorted().toArray();
        return new Figures(rate, sentAt.size(), millis.length, percentile(millis, 50), percentile(millis, 99),
                millis.length == 0 ? Double.NaN : millis[millis.length - 1]);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
