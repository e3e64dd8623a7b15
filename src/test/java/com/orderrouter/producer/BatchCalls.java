package com.orderrouter.producer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;

/** Records every SendMessageBatch call a client makes, as the UTF-8 sizes of its entries' bodies. */
final class BatchCalls implements ExecutionInterceptor {

    private final List<List<Integer>> calls = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof SendMessageBatchRequest request) {
            calls.add(request.entries().stream()
                    .map(entry -> entry.messageBody().getBytes(StandardCharsets.UTF_8).length).toList());
        }
    }

    List<List<Integer>> calls() {
        return List.copyOf(calls);
    }
}
