package com.orderrouter.producer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * A test double of the SQS client for the retry logic only: ElasticMQ does not fail batch entries without a sender
 * fault, so this one answers SendMessageBatch with what the test scripts for each call (numbered from 1) and records the
 * requests.
 */
final class ScriptedSqs implements SqsClient {

    private final BiFunction<Integer, SendMessageBatchRequest, SendMessageBatchResponse> answer;
    private final List<SendMessageBatchRequest> requests = new ArrayList<>();

    ScriptedSqs(BiFunction<Integer, SendMessageBatchRequest, SendMessageBatchResponse> answer) {
        this.answer = answer;
    }

    @Override
    public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
        requests.add(request);
        return answer.apply(requests.size(), request);
    }

    List<SendMessageBatchRequest> requests() {
        return requests;
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
