package com.orderrouter.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * An order event as it arrives on the queue: {@code {type, data, timestamp, correlation_id?}}. {@code data} stays a JSON
 * tree until the event's type is known; {@link OrderEvents} then turns it into {@link OrderCreated} or
 * {@link OrderUpdated}. Unknown top-level fields are ignored so producers can add fields without breaking us.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrderEvent(String type, JsonNode data, String timestamp, String correlationId) {
}
