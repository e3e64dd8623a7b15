package com.orderrouter.it;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

import com.orderrouter.localstack.OrderEventsJson;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Consumed messages are deleted with DeleteMessageBatch, never one DeleteMessage each, and none is left behind. */
class BatchedDeletesIT extends ServiceOnLocalStack {

    /** The service's SQS requests by operation (static: the base class builds the client before our fields). */
    private static final Map<String, LongAdder> CALLS = new ConcurrentHashMap<>();

    @Override
    ExecutionInterceptor[] sqsInterceptors() {
        return new ExecutionInterceptor[] { new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                CALLS.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                        k -> new LongAdder()).increment();
            }
        } };
    }

    @Test
    void consumedMessagesAreDeletedInBatches() {
        await().atMost(PATIENCE).until(() -> probe.ordersQueueDepth() == 0);
        String batch = OrdersSqsToDynamodbIT.newOrderId();
        List<String> ids = IntStream.range(0, 300).mapToObj(i -> batch + "-" + i).toList();
        double before = processed("order_created", "success");
        long batchesBefore = count("DeleteMessageBatch");

        probe.sendAll(ids.stream().map(id -> OrderEventsJson.created(id, "2026-11-27T10:00:00Z")).toList());

        await().atMost(PATIENCE).until(() -> processed("order_created", "success") - before == ids.size()
                && probe.ordersQueueDepth() == 0);
        long batches = count("DeleteMessageBatch") - batchesBefore;
        assertThat(count("DeleteMessage")).as("single deletes").isZero();
        assertThat(batches).as("DeleteMessageBatch calls for %d messages", ids.size())
                .isBetween((long) ids.size() / 10, (long) ids.size() / 3);
    }

    private long count(String operation) {
        LongAdder adder = CALLS.get(operation);
        return adder == null ? 0 : adder.sum();
    }
}
