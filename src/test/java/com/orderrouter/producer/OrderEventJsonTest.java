package com.orderrouter.producer;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderEventJsonTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "order_created                                   | not valid JSON: Unrecognized token 'order_created'",
            "[1, 2]                                          | not a JSON object",
            "{\"type\":\"t\",\"data\":{}} {}              | not valid JSON: Trailing token",
            "{\"type\":\"a\",\"type\":\"b\",\"data\":{}}     | not valid JSON: Duplicate field 'type'",
            "{\"data\":{\"order_id\":\"1\"}}                 | type: must be a non-empty string",
            "{\"type\":\"\",\"data\":{}}                     | type: must be a non-empty string",
            "{\"type\":\"order_created\"}                    | data: must be a JSON object",
            "{\"type\":\"order_created\",\"data\":\"1\"}     | data: must be a JSON object"})
    void aLineThatIsNotAnEventSaysWhy(String line, String reason) {
        assertThatThrownBy(() -> OrderEventJson.parse(line)).isInstanceOf(OrderEventJson.InvalidEventException.class)
                .hasMessageStartingWith(reason);
    }

    @Test
    void numbersAreSentExactlyAsGiven() {
        String line = "{\"type\":\"order_created\",\"data\":{\"total\":19.990,\"big\":1e400,\"n\":12345678901234567890}}";

        assertThat(OrderEventJson.body(OrderEventJson.parse(line)))
                .contains("\"total\":19.990", "\"big\":1E+400", "\"n\":12345678901234567890");
    }

    @Test
    void completeKeepsATimestampAndCorrelationIdAndFillsInMissingOnes() {
        ObjectNode own = OrderEventJson.parse(
                "{\"type\":\"t\",\"data\":{},\"timestamp\":\"2026-11-27T10:00:00\",\"correlation_id\":\"c-1\"}");
        ObjectNode missing = OrderEventJson.parse("{\"type\":\"t\",\"data\":{},\"timestamp\":null}");

        assertThat(OrderEventJson.complete(own)).isEqualTo(own);
        ObjectNode filled = OrderEventJson.complete(missing);
        assertThat(Instant.parse(filled.get("timestamp").asText())).isNotNull();
        assertThat(UUID.fromString(filled.get("correlation_id").asText())).isNotNull();
        assertThat(missing.get("correlation_id")).as("the input is not changed").isNull();
    }
}
