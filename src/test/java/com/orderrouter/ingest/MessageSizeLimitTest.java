package com.orderrouter.ingest;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.Function;

import com.orderrouter.failure.PoisonMessageException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The body limit is what the orders queue reports at start-up, SQS's 1 MiB when it cannot tell. */
class MessageSizeLimitTest {

    private static final String QUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-queue";

    @Test
    void theLimitIsTheQueuesMaximumMessageSize() {
        MessageSizeLimit limit = started(request -> {
            assertThat(request.queueUrl()).isEqualTo(QUEUE);
            assertThat(request.attributeNames()).containsExactly(QueueAttributeName.MAXIMUM_MESSAGE_SIZE);
            return Map.of(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "2048");
        });

        assertThat(limit.maxBytes()).isEqualTo(2048);
        assertThatCode(() -> limit.check("é".repeat(1024))).doesNotThrowAnyException();
        assertThatThrownBy(() -> limit.check("é".repeat(1024) + "x")).isInstanceOf(PoisonMessageException.class)
                .hasMessage("body: 2049 bytes is over the limit of 2048");
    }

    @Test
    void aQueueThatDoesNotReportItIsTakenAtSqsMaximum() {
        assertThat(started(request -> Map.of()).maxBytes()).isEqualTo(1_048_576);
    }

    @Test
    void aQueueThatCannotBeAskedIsTakenAtSqsMaximumAndTheServiceStillStarts() {
        assertThat(started(request -> {
            throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
        }).maxBytes()).isEqualTo(1_048_576);
    }

    private static MessageSizeLimit started(Function<GetQueueAttributesRequest, Map<QueueAttributeName, String>> queue) {
        SqsClient sqs = (SqsClient) Proxy.newProxyInstance(SqsClient.class.getClassLoader(),
                new Class<?>[] { SqsClient.class }, (proxy, method, args) -> {
                    if (method.getName().equals("getQueueAttributes") && args[0] instanceof GetQueueAttributesRequest r) {
                        return GetQueueAttributesResponse.builder().attributes(queue.apply(r)).build();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        MessageSizeLimit limit = new MessageSizeLimit(() -> sqs, QUEUE, "Orders queue");
        limit.start();
        return limit;
    }
}
