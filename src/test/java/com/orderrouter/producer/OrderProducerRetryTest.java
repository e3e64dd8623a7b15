package com.orderrouter.producer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.orderrouter.producer.BatchResult.FailedEntry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The retry of failed batch entries, against a scripted client (the rest of the producer is tested over the wire). */
class OrderProducerRetryTest {

    private static final String QUEUE_URL = "http://localhost/000000000000/orders-queue";

    private final List<Duration> pauses = new ArrayList<>();

    @Test
    void anEntryFailedWithoutSenderFaultIsSentAgainAfterTheBackoff() {
        ScriptedSqs sqs = new ScriptedSqs((call, request) ->
                answer(request, call == 1 ? Set.of("1") : Set.of(), false));

        BatchResult result = producer(sqs, 5).sendAll(List.of(TestEvents.created("a"), TestEvents.created("b"),
                TestEvents.created("c")));

        assertThat(result.successful()).isEqualTo(3);
        assertThat(result.failures()).isEmpty();
        assertThat(sqs.requests()).hasSize(2);
        SendMessageBatchRequestEntry first = sqs.requests().get(0).entries().get(1);
        assertThat(sqs.requests().get(1).entries()).containsExactly(first); // same body, so same dedup id on FIFO
        assertThat(pauses).containsExactly(Duration.ofMillis(200));
    }

    @Test
    void retriesDoubleTheBackoffAndStopAtMaxAttempts() {
        ScriptedSqs sqs = new ScriptedSqs((call, request) -> answer(request, Set.of("0"), false));

        BatchResult result = producer(sqs, 5).sendAll(List.of(TestEvents.created("a"), TestEvents.created("b")));

        assertThat(result.successful()).isEqualTo(1);
        assertThat(result.failures()).extracting(FailedEntry::index, FailedEntry::code, FailedEntry::senderFault)
                .containsExactly(tuple(0, "InternalError", false));
        assertThat(sqs.requests()).hasSize(5);
        assertThat(pauses).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800),
                Duration.ofMillis(1600));
    }

    @Test
    void senderFaultsAreReportedWithoutRetry() {
        ScriptedSqs sqs = new ScriptedSqs((call, request) -> answer(request, Set.of("1"), true));

        BatchResult result = producer(sqs, 5).sendAll(List.of(TestEvents.created("a"), TestEvents.created("b")));

        assertThat(result.successful()).isEqualTo(1);
        assertThat(result.failures()).extracting(FailedEntry::index, FailedEntry::code, FailedEntry::message)
                .containsExactly(tuple(1, "InvalidParameterValue", "scripted failure"));
        assertThat(sqs.requests()).hasSize(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void aCallFailingWithAServerErrorIsRetriedAClientErrorIsNot() {
        List<Integer> statuses = new ArrayList<>(List.of(503, 400));
        ScriptedSqs sqs = new ScriptedSqs((call, request) -> {
            throw (SqsException) SqsException.builder().statusCode(statuses.remove(0))
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("Scripted").build()).build();
        });

        BatchResult result = producer(sqs, 5).sendAll(List.of(TestEvents.created("a")));

        assertThat(result.failures()).extracting(FailedEntry::code, FailedEntry::senderFault)
                .containsExactly(tuple("Scripted", true));
        assertThat(sqs.requests()).hasSize(2);
        assertThat(pauses).containsExactly(Duration.ofMillis(200));
    }

    private OrderProducer producer(ScriptedSqs sqs, int maxAttempts) {
        return new OrderProducer(sqs, QUEUE_URL, new ProducerOptions(false, "order_id", maxAttempts,
                Duration.ofMillis(200)), pauses::add);
    }

    /** Fails the entries with the given ids, accepts the others. */
    private static SendMessageBatchResponse answer(SendMessageBatchRequest request, Set<String> failIds,
            boolean senderFault) {
        SendMessageBatchResponse.Builder response = SendMessageBatchResponse.builder();
        response.successful(request.entries().stream().filter(e -> !failIds.contains(e.id()))
                .map(e -> SendMessageBatchResultEntry.builder().id(e.id()).messageId("m-" + e.id()).build()).toList());
        response.failed(request.entries().stream().filter(e -> failIds.contains(e.id()))
                .map(e -> BatchResultErrorEntry.builder().id(e.id()).senderFault(senderFault)
                        .code(senderFault ? "InvalidParameterValue" : "InternalError").message("scripted failure")
                        .build()).toList());
        return response.build();
    }
}
