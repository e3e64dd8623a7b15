package com.orderrouter.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderrouter.dynamodb.JsonAttributes;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The baseline: the same consume/write/delete work written directly on the AWS SDK v2, no Camel. Runs as its own JVM
 * (started by {@link Benchmark}) so its CPU is measured exactly like the service's. Each of {@code consumers} threads:
 * ReceiveMessage (10, wait 1 s) → Jackson → conditional PutItem / UpdateItem (+ consistent GetItem when the condition
 * fails) → DeleteMessageBatch. Poison (unparseable JSON, unknown type, missing fields) is sent to the DLQ with an
 * {@code error-reason} attribute and deleted, like the service's first route (no S3/SNS archiving: that is the
 * service's second route). An update whose order does not exist yet is left on the queue with a 1 s visibility.
 * <p>
 * Args: sqsEndpoint ddbEndpoint queueUrl dlqUrl table consumers expectedMessages. Once it has deleted the expected
 * number it prints one line {@code BASELINE-RESULT {json}}; it keeps consuming (the latency phase) until a line (or
 * EOF) arrives on stdin.
 */
public final class BaselineConsumer {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final DateTimeFormatter STORED = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicBoolean reported = new AtomicBoolean();

    private BaselineConsumer() {
    }

    public static void main(String[] args) throws Exception {
        String sqsEndpoint = args[0];
        String ddbEndpoint = args[1];
        String queueUrl = args[2];
        String dlqUrl = args[3];
        String table = args[4];
        int consumers = Integer.parseInt(args[5]);
        long expected = Long.parseLong(args[6]);
        // a consumer thread that dies must end the run, not leave the parent waiting for a drain
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            e.printStackTrace();
            Runtime.getRuntime().halt(1);
        });
        new BaselineConsumer().run(sqsEndpoint, ddbEndpoint, queueUrl, dlqUrl, table, consumers, expected);
    }

    private void run(String sqsEndpoint, String ddbEndpoint, String queueUrl, String dlqUrl, String table,
            int consumers, long expected) throws Exception {
        StaticCredentialsProvider keys = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                String key = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
                requests.computeIfAbsent(key, k -> new LongAdder()).increment();
            }
        };
        try (SqsClient sqs = SqsClient.builder().region(Region.US_EAST_1).credentialsProvider(keys)
                .endpointOverride(URI.create(sqsEndpoint))
                .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder()
                        .maxConnections(consumers * 2 + 10))
                .overrideConfiguration(c -> c.addExecutionInterceptor(counter)).build();
                DynamoDbClient ddb = DynamoDbClient.builder().region(Region.US_EAST_1).credentialsProvider(keys)
                        .endpointOverride(URI.create(ddbEndpoint))
                        .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder()
                                .maxConnections(consumers * 2 + 10))
                        .overrideConfiguration(c -> c.addExecutionInterceptor(counter)).build()) {
            AtomicBoolean stop = new AtomicBoolean();
            Thread stdin = new Thread(() -> {
                try {
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                } catch (java.io.IOException e) {
                    // EOF or a closed pipe: stop as well
                }
                stop.set(true);
            }, "baseline-stdin");
            stdin.setDaemon(true);
            stdin.start();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < consumers; i++) {
                Thread t = new Thread(() -> {
                    while (!stop.get()) {
                        List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                                .waitTimeSeconds(1).messageSystemAttributeNames(
                                        software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.ALL)
                                .messageAttributeNames("All")).messages();
                        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
                        for (Message m : batch) {
                            String outcome = handle(m, ddb, sqs, queueUrl, dlqUrl, table);
                            outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                            if (!outcome.equals("not-yet-created")) {
                                done.add(DeleteMessageBatchRequestEntry.builder().id(m.messageId())
                                        .receiptHandle(m.receiptHandle()).build());
                            }
                        }
                        if (!done.isEmpty()) {
                            int failed = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done)).failed().size();
                            if (deleted.addAndGet(done.size() - failed) >= expected
                                    && reported.compareAndSet(false, true)) {
                                report();
                            }
                        }
                    }
                }, "baseline-consumer-" + i);
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    private void report() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("deleted", deleted.get());
        result.put("requests", snapshot(requests));
        result.put("outcomes", snapshot(outcomes));
        try {
            System.out.println("BASELINE-RESULT " + JSON.writeValueAsString(result));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        System.out.flush();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    private String handle(Message m, DynamoDbClient ddb, SqsClient sqs, String queueUrl, String dlqUrl, String table) {
        JsonNode event;
        String type;
        String orderId;
        Instant timestamp;
        try {
            event = JSON.readTree(m.body());
            type = event.path("type").asText();
            orderId = requiredText(event.path("data"), "order_id");
            timestamp = Instant.parse(requiredText(event, "timestamp"));
        } catch (Exception e) {
            return poison(m, sqs, dlqUrl, "invalid: " + e.getMessage());
        }
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("ORDER#" + orderId),
                "sk", AttributeValue.fromS("METADATA"));
        String at = STORED.format(timestamp);
        if (type.equals("order_created")) {
            JsonNode data = event.path("data");
            if (!data.path("total").isNumber() || data.path("total").decimalValue().signum() < 0
                    || !data.path("items").isArray() || !data.path("customer_id").isTextual()) {
                return poison(m, sqs, dlqUrl, "invalid order_created");
            }
            Map<String, AttributeValue> item = new LinkedHashMap<>(key);
            item.put("order_id", AttributeValue.fromS(orderId));
            item.put("status", AttributeValue.fromS("pending"));
            item.put("created_at", AttributeValue.fromS(at));
            item.put("updated_at", AttributeValue.fromS(at));
            item.put("customer_id", AttributeValue.fromS(data.path("customer_id").asText()));
            item.put("items", JsonAttributes.attribute(data.path("items"))); // the same item layout as the service
            item.put("total", AttributeValue.fromN(data.path("total").decimalValue().toPlainString()));
            if (event.hasNonNull("correlation_id")) {
                item.put("correlation_id", AttributeValue.fromS(event.get("correlation_id").asText()));
            }
            try {
                ddb.putItem(b -> b.tableName(table).item(item)
                        .expected(Map.of("pk", ExpectedAttributeValue.builder().exists(false).build())));
                return "success";
            } catch (ConditionalCheckFailedException e) {
                return "duplicate";
            }
        }
        if (type.equals("order_updated")) {
            String status = event.path("data").path("status").asText("");
            if (status.isEmpty()) {
                return poison(m, sqs, dlqUrl, "invalid order_updated");
            }
            try {
                ddb.updateItem(b -> b.tableName(table).key(key)
                        .attributeUpdates(Map.of(
                                "status", AttributeValueUpdate.builder().action(AttributeAction.PUT)
                                        .value(AttributeValue.fromS(status)).build(),
                                "updated_at", AttributeValueUpdate.builder().action(AttributeAction.PUT)
                                        .value(AttributeValue.fromS(at)).build()))
                        .expected(Map.of("updated_at", ExpectedAttributeValue.builder()
                                .comparisonOperator(ComparisonOperator.LT)
                                .attributeValueList(AttributeValue.fromS(at)).build())));
                return "success";
            } catch (ConditionalCheckFailedException e) {
                Map<String, AttributeValue> stored = ddb.getItem(b -> b.tableName(table).key(key).consistentRead(true))
                        .item();
                // no item, or one whose create landed after the failed update: not applied yet, retry it
                if (stored == null || stored.isEmpty() || !stored.containsKey("updated_at")
                        || stored.get("updated_at").s().compareTo(at) < 0) {
                    sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())
                            .visibilityTimeout(1));
                    return "not-yet-created";
                }
                return "stale";
            }
        }
        return poison(m, sqs, dlqUrl, "unknown event type '" + type + "'");
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException(field + " missing");
        }
        return value.asText();
    }

    private static String poison(Message m, SqsClient sqs, String dlqUrl, String reason) {
        sqs.sendMessage(b -> b.queueUrl(dlqUrl).messageBody(m.body()).messageAttributes(Map.of("error-reason",
                MessageAttributeValue.builder().dataType("String")
                        .stringValue(reason.length() > 256 ? reason.substring(0, 256) : reason).build())));
        return "poison";
    }

}
