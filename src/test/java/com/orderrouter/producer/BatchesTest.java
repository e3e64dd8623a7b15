package com.orderrouter.producer;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchesTest {

    @Test
    void theLimitIsSqsOneMebibyte() {
        assertThat(Batches.MAX_PAYLOAD_BYTES).isEqualTo(1_048_576);
    }

    @Test
    void tenEntriesPerCallAtMost() {
        assertThat(Batches.split(messages(25, 100), 10, Batches.MAX_PAYLOAD_BYTES)).extracting(List::size).containsExactly(10, 10, 5);
    }

    @Test
    void aCallEndsBeforeItsBodiesWouldExceedTheByteLimit() {
        List<List<OutgoingMessage>> calls = Batches.split(messages(5, 400_000), 10, Batches.MAX_PAYLOAD_BYTES);

        assertThat(calls).extracting(List::size).containsExactly(2, 2, 1);
        assertThat(calls.get(2).get(0).index()).isEqualTo(4);
    }

    @Test
    void bodiesFillingTheLimitExactlyShareACall() {
        List<OutgoingMessage> messages = List.of(message(0, 1_048_000), message(1, 576), message(2, 1));

        assertThat(Batches.split(messages, 10, Batches.MAX_PAYLOAD_BYTES)).extracting(List::size).containsExactly(2, 1);
    }

    @Test
    void aMessageOverTheLimitIsAnError() {
        assertThatThrownBy(() -> Batches.split(List.of(message(0, 1_048_577)), 10, Batches.MAX_PAYLOAD_BYTES))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<OutgoingMessage> messages(int count, int bytes) {
        return IntStream.range(0, count).mapToObj(i -> message(i, bytes)).toList();
    }

    private static OutgoingMessage message(int index, int bytes) {
        return new OutgoingMessage(index, "x".repeat(bytes), bytes, null, null);
    }
}
