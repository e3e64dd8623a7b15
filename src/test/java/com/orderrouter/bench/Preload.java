package com.orderrouter.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.orderrouter.localstack.LocalAwsStack;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Fills the orders queue for a benchmark run: 80 % order_created, 20 % order_updated (of the earliest creates, sent
 * after all creates), 0.1 % poison (half not JSON, half an unknown type). Straight to the queue, not through a proxy.
 */
final class Preload {

    private static final String CREATED_AT = "2026-11-27T10:00:00Z";
    private static final String UPDATED_AT = "2026-11-27T11:00:00Z";

    record Shape(int creates, int updates, int poison) {
        static Shape of(int n) {
            int poison = Math.max(1, n / 1000);
            int updates = (n - poison) / 5;
            return new Shape(n - poison - updates, updates, poison);
        }

        int total() {
            return creates + updates + poison;
        }
    }

    private Preload() {
    }

    static void send(LocalAwsStack stack, String prefix, Shape shape) throws Exception {
        List<String> creates = new ArrayList<>(shape.creates);
        for (int i = 0; i < shape.creates; i++) {
            String id = prefix + i;
            creates.add("""
                    {"type":"order_created","timestamp":"%s","correlation_id":"corr-%s",\
                    "data":{"order_id":"%s","customer_id":"cust-%s","items":[{"sku":"SKU-1","quantity":1,"price":19.99}],\
                    "total":19.99}}""".formatted(CREATED_AT, id, id, id));
        }
        sendAll(stack, creates);
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < shape.updates; i++) {
            rest.add("""
                    {"type":"order_updated","timestamp":"%s","data":{"order_id":"%s","status":"paid"}}"""
                    .formatted(UPDATED_AT, prefix + i));
        }
        for (int i = 0; i < shape.poison; i++) {
            rest.add(i % 2 == 0 ? "not JSON " + prefix + i
                    : "{\"type\":\"order_shipped\",\"timestamp\":\"" + UPDATED_AT + "\",\"data\":{\"order_id\":\""
                            + prefix + "p" + i + "\"}}");
        }
        sendAll(stack, rest);
    }

    private static void sendAll(LocalAwsStack stack, List<String> bodies) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int from = 0; from < bodies.size(); from += 10) {
                List<String> chunk = bodies.subList(from, Math.min(from + 10, bodies.size()));
                calls.add(senders.submit(() -> {
                    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                    for (int i = 0; i < chunk.size(); i++) {
                        entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(chunk.get(i))
                                .build());
                    }
                    var failed = stack.sqs().sendMessageBatch(b -> b.queueUrl(stack.resources().ordersQueueUrl())
                            .entries(entries)).failed();
                    if (!failed.isEmpty()) {
                        throw new IllegalStateException("send failed: " + failed);
                    }
                }));
            }
            for (Future<?> call : calls) {
                call.get(120, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
        }
    }
}
