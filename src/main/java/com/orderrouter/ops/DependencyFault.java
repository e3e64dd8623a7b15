package com.orderrouter.ops;

import java.util.Set;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What a failed AWS call says about the resource it was made on: the one classification behind the start-up check
 * ({@link StartupDependencyCheck}: which faults stop the service), the readiness checks ({@link DependencyCheck}) and
 * the consumers' poll log ({@link PollBackoff}: "deleted", not "unreachable").
 */
public enum DependencyFault {

    /** 404, or SQS's own "queue does not exist" (a 400): a setting that names nothing, or a deleted resource. */
    DOES_NOT_EXIST,
    /** 403, or an access-denied error code: the task role may not use the resource. */
    ACCESS_DENIED,
    /** The SDK's default credential chain found no credentials anywhere: no request was sent. */
    NO_CREDENTIALS,
    /** Any other 4xx (throttling and 408 aside): the request is refused as such, sending it again cannot help. */
    REJECTED,
    /** No answer (connection refused or reset, timeout), a 5xx, throttling or 408: it may pass by itself. */
    UNREACHABLE;

    /**
     * SQS's error codes for a missing queue: the query protocol's (real SQS sends it in {@code x-amzn-query-error} with
     * the JSON protocol too, and the SDK reports that) and the JSON protocol's, which ElasticMQ 1.7.1 answers with.
     */
    private static final Set<String> QUEUE_DOES_NOT_EXIST = Set.of("AWS.SimpleQueueService.NonExistentQueue",
            "QueueDoesNotExist");
    private static final Set<String> ACCESS_DENIED_CODES = Set.of("AccessDenied", "AccessDeniedException",
            "AuthorizationError");
    /**
     * How the SDK's credential chain says it found nothing ({@code AwsCredentialsProviderChain}); it has no exception
     * type of its own.
     */
    private static final String NO_CREDENTIALS_MESSAGE = "Unable to load credentials from any of the providers";

    /** @return the fault of the first SDK exception in the cause chain; {@link #UNREACHABLE} when there is none */
    public static DependencyFault of(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof AwsServiceException answer) {
                return ofAnswer(answer);
            }
            if (e instanceof SdkClientException && e.getMessage() != null
                    && e.getMessage().startsWith(NO_CREDENTIALS_MESSAGE)) {
                return NO_CREDENTIALS;
            }
            if (e instanceof SdkException) {
                return UNREACHABLE;
            }
        }
        return UNREACHABLE;
    }

    /** Whether start-up stops for it: everything but an outage, which may end on its own. */
    public boolean stopsStartUp() {
        return this != UNREACHABLE;
    }

    private static DependencyFault ofAnswer(AwsServiceException answer) {
        int status = answer.statusCode();
        // "" for no code: Set.of(...).contains(null) throws
        String code = errorCode(answer) == null ? "" : errorCode(answer);
        if (answer.isThrottlingException() || status == 408 || status >= 500) {
            return UNREACHABLE;
        }
        if (status == 404 || QUEUE_DOES_NOT_EXIST.contains(code)) {
            return DOES_NOT_EXIST;
        }
        if (status == 403 || ACCESS_DENIED_CODES.contains(code)) {
            return ACCESS_DENIED;
        }
        return status >= 400 ? REJECTED : UNREACHABLE;
    }

    /** The service's error code, or null when its answer had none (a HEAD request's 404 has no body). */
    static String errorCode(AwsServiceException answer) {
        String code = answer.awsErrorDetails() == null ? null : answer.awsErrorDetails().errorCode();
        return code == null || code.isBlank() ? null : code;
    }
}
