package com.orderrouter.ingest;

import java.time.Instant;

/** A validated {@code order_updated} event: the order's new status as of {@code timestamp}. */
public record OrderUpdated(String orderId, String status, Instant timestamp, String correlationId) {
}
