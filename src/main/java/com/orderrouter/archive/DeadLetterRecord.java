package com.orderrouter.archive;

import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What is archived to S3 for one dead-lettered message: the body exactly as received (a string, even when it is not
 * JSON), every message and system attribute, why it failed and where it came from.
 *
 * @param reason      the {@code error-reason} attribute the service set, or "exceeded maxReceiveCount" when SQS's
 *                    redrive policy moved the message
 * @param reasonClass the {@code error-class} attribute, or {@code max-receives-exceeded}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeadLetterRecord(String messageId, String body, Map<String, String> messageAttributes,
        Map<String, String> attributes, String reason, String reasonClass, String sourceQueue, String s3Key,
        String archivedAt) {
}
