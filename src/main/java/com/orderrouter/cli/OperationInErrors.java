package com.orderrouter.cli;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Puts the failed call and the error code into an AWS error's message, on one line: {@code GetQueueAttributes:
 * QueueDoesNotExist: The specified queue does not exist.}, to which the SDK adds {@code (Service: Sqs, Status Code:
 * 400, Request ID: ...) (SDK Attempt Count: 1)}. The SDK's own message names neither the operation nor the code, so a
 * command's one-line error could not say which call failed or why. The exception keeps its type, so code that tells
 * errors apart by type still can.
 */
public final class OperationInErrors implements ExecutionInterceptor {

    /** The builder with this interceptor, as the commands' clients are built ({@link CommandContext#system()}). */
    public static <B extends SdkClientBuilder<B, ?>> B addTo(B builder) {
        return builder.overrideConfiguration(c -> c.addExecutionInterceptor(new OperationInErrors()));
    }

    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (!(context.exception() instanceof SdkException error)) {
            return context.exception();
        }
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return error.toBuilder().message(oneLine(operation + ": " + describe(error))).build();
    }

    /** A service's answer: its error code (when the body had one) and message; otherwise the SDK's message. */
    private static String describe(SdkException error) {
        if (error instanceof AwsServiceException answer && answer.awsErrorDetails() != null) {
            String code = answer.awsErrorDetails().errorCode();
            String message = error.rawMessage() != null ? error.rawMessage() : answer.awsErrorDetails().errorMessage();
            return (code == null || code.isBlank() ? "(no error code)" : code) + ": " + message;
        }
        return error.rawMessage();
    }

    /** A server's message may span lines (an HTML error page, say); a command prints it on one. */
    private static String oneLine(String message) {
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
