package com.orderrouter.archive;

import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.orderrouter.failure.TypedAttribute;

/**
 * What is archived to S3 for one dead-lettered source message (schema version {@value #SCHEMA_VERSION}; README "The
 * dead-letter archive" documents every field): everything a replay needs to send the message again as it was.
 *
 * @param schemaVersion        {@value #SCHEMA_VERSION}; the first format (no field) is version 1
 * @param sourceMessageId      id of the message on the queue it failed on (the archive key's name)
 * @param messageGroupId       its FIFO message group, else null
 * @param sourceQueue          URL of that queue (the redrive's {@code DeadLetterQueueSourceArn} for a message SQS moved)
 * @param sourceSentAt         when it was sent to that queue, ISO-8601 (the key's day)
 * @param body                 the body exactly as received, a string even when it is not JSON
 * @param messageAttributes    every original message attribute with its data type, exactly as received
 * @param reason               why it failed, bounded; "exceeded maxReceiveCount" when SQS's redrive moved it
 * @param reasonClass          {@code malformed-json}, ..., {@code retries-exhausted}, or {@code max-receives-exceeded}
 * @param receiveCount         the receive on which it failed; null when SQS's redrive moved it
 * @param failedAt             when it failed, ISO-8601; null when SQS's redrive moved it
 * @param routeId              the route it failed in; null when SQS's redrive moved it
 * @param deadLetterMessageId  id of the DLQ copy this record was written from
 * @param systemAttributes     the DLQ copy's system attributes ({@code ApproximateReceiveCount}, {@code SentTimestamp},
 *                             {@code DeadLetterQueueSourceArn}, {@code MessageGroupId}, ...)
 * @param s3Key                {@code failed/<yyyy>/<mm>/<dd>/<sourceMessageId>.json}
 * @param archivedAt           when this record was written, ISO-8601
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeadLetterRecord(int schemaVersion, String sourceMessageId, String messageGroupId, String sourceQueue,
        String sourceSentAt, String body, Map<String, TypedAttribute> messageAttributes, String reason,
        String reasonClass, Integer receiveCount, String failedAt, String routeId, String deadLetterMessageId,
        Map<String, String> systemAttributes, String s3Key, String archivedAt) {

    public static final int SCHEMA_VERSION = 2;
}
