package com.orderrouter.redrive;

import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Why a message is in the DLQ: the service's {@code error-class} and {@code error-reason} attributes, or, for a message
 * SQS's redrive policy moved (it has none of them), the same class and reason the archive uses.
 */
record DeadLetter(String messageId, String reasonClass, String reason) {

    static final String REDRIVE_CLASS = "max-receives-exceeded";
    static final String REDRIVE_REASON = "exceeded maxReceiveCount";

    static DeadLetter of(Message message) {
        return new DeadLetter(message.messageId(), attribute(message, "error-class", REDRIVE_CLASS),
                attribute(message, "error-reason", REDRIVE_REASON));
    }

    private static String attribute(Message message, String name, String otherwise) {
        MessageAttributeValue value = message.messageAttributes().get(name);
        return value == null || value.stringValue() == null ? otherwise : value.stringValue();
    }

    /** One line of output: id, class, then the reason, which may contain spaces. */
    String line() {
        return messageId + "  " + reasonClass + "  " + reason;
    }
}
