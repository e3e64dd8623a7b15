package com.orderrouter.producer;

import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * One event ready to send: its body and, on a FIFO queue, group and deduplication ids (null otherwise).
 *
 * @param index position in the list given to {@code sendAll}, also the batch entry id
 * @param bytes UTF-8 size of the body, what SQS counts against its size limits
 */
record OutgoingMessage(int index, String body, int bytes, String groupId, String deduplicationId) {

    SendMessageBatchRequestEntry entry() {
        return SendMessageBatchRequestEntry.builder().id(String.valueOf(index)).messageBody(body)
                .messageGroupId(groupId).messageDeduplicationId(deduplicationId).build();
    }
}
