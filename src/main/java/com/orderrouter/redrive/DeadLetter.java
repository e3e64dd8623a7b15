package com.orderrouter.redrive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderrouter.failure.DeadLetterContext;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Why a message is in the DLQ: the reason class and reason of the service's {@code dead-letter} attribute
 * ({@link DeadLetterContext}), or, for a message SQS's redrive policy moved (it has none), the same class and reason
 * the archive uses.
 */
record DeadLetter(String messageId, String reasonClass, String reason) {

    static final String REDRIVE_CLASS = "max-receives-exceeded";
    static final String REDRIVE_REASON = "exceeded maxReceiveCount";
    private static final ObjectMapper JSON = new ObjectMapper();

    static DeadLetter of(Message message) {
        DeadLetterContext context = DeadLetterContext.onDeadLetterQueue(message.messageAttributes(),
                message.attributes(), JSON);
        return context == null ? new DeadLetter(message.messageId(), REDRIVE_CLASS, REDRIVE_REASON)
                : new DeadLetter(message.messageId(), context.reasonClass(), context.reason());
    }

    /** One line of output: id, class, then the reason, which may contain spaces. */
    String line() {
        return messageId + "  " + reasonClass + "  " + reason;
    }
}
