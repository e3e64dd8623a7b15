package com.orderrouter.redrive;

import java.util.Set;
import java.util.regex.Pattern;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Whether the answer to {@code StartMessageMoveTask} says the server does not have the action, so {@code redrive}
 * copies message by message instead. Servers say it in many ways: SQS's own codes, an emulator's "unknown action", a
 * gateway's 404 or 501, or a 400 without a body the SDK can read a code from. Leaning towards the copy loop is safe:
 * it moves at least once and never loses a message, and fails with its own error when it cannot.
 *
 * <p>Not "unsupported": no answer at all (a network failure says nothing about the server); a 5xx other than 501
 * (the server is in trouble); and any other coded error, AccessDenied included. AccessDenied means the server has move
 * tasks and the caller's IAM does not allow {@code sqs:StartMessageMoveTask}, possibly on purpose (an explicit deny);
 * copying the messages with other permissions would work around that decision, and the error tells the operator to
 * grant the action (or to use {@code --max}, which always copies).
 */
final class MoveTaskUnsupported {

    /** Statuses that, without an error code, mean the server did not know what to do with the request. */
    private static final Set<Integer> UNKNOWN_REQUEST = Set.of(400, 404, 405);
    private static final int NOT_IMPLEMENTED = 501;
    /**
     * An error code or message naming an unknown, invalid or unsupported action or operation: InvalidAction,
     * UnknownOperationException, AWS.SimpleQueueService.UnsupportedOperation, "Unknown action: ...", "The action or
     * operation requested is invalid", "... is not supported", NotImplemented.
     */
    private static final Pattern SAYS_UNSUPPORTED = Pattern.compile(
            "(unknown|invalid|unsupported)[ _.:-]?(action|operation)"
                    + "|\\b(action|operation)\\b[^.]*\\b(unknown|invalid|not valid|unsupported|not supported)\\b"
                    + "|\\bnot ?implemented\\b",
            Pattern.CASE_INSENSITIVE);

    private MoveTaskUnsupported() {
    }

    static boolean saidBy(SdkException error) {
        if (!(error instanceof AwsServiceException answer)) {
            return false;
        }
        if (answer instanceof software.amazon.awssdk.services.sqs.model.UnsupportedOperationException
                || answer.statusCode() == NOT_IMPLEMENTED) {
            return true;
        }
        String code = answer.awsErrorDetails() == null ? null : answer.awsErrorDetails().errorCode();
        if (code == null || code.isBlank()) {
            return UNKNOWN_REQUEST.contains(answer.statusCode());
        }
        String message = answer.awsErrorDetails().errorMessage();
        return SAYS_UNSUPPORTED.matcher(code).find() || message != null && SAYS_UNSUPPORTED.matcher(message).find();
    }
}
