package com.orderrouter.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** A validated {@code order_created} event. {@code items} are kept as sent: their shape is the producer's business. */
public record OrderCreated(String orderId, String customerId, List<JsonNode> items, BigDecimal total, Instant timestamp,
        String correlationId) {
}
