package com.orderrouter.ops;

import java.util.Optional;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * One AWS resource the service needs, named by the setting that configures it, and the cheapest call its task role may
 * make on it (made with the client the routes use).
 *
 * @param setting the environment variable ("QUEUE_URL")
 * @param value   its value, as the problem text quotes it
 * @param service what answers ("SQS")
 * @param call    the check: returns when the resource exists and may be used, throws the SDK's exception otherwise
 */
public record Dependency(String setting, String value, String service, Runnable call) {

    /** What is wrong with a dependency, as one line naming its setting. */
    public record Problem(DependencyFault fault, String text) {
    }

    /** @return empty when the call succeeds */
    public Optional<Problem> check() {
        try {
            call.run();
            return Optional.empty();
        } catch (SdkException e) {
            DependencyFault fault = DependencyFault.of(e);
            return Optional.of(new Problem(fault, setting + "=" + value + ": " + what(fault, e)));
        }
    }

    private String what(DependencyFault fault, SdkException e) {
        if (e instanceof AwsServiceException answer) {
            String meaning = switch (fault) {
                case DOES_NOT_EXIST -> "does not exist";
                case ACCESS_DENIED -> "access denied";
                case REJECTED -> "rejected";
                default -> answer.isThrottlingException() ? "throttled" : "unavailable";
            };
            String code = DependencyFault.errorCode(answer);
            return "%s answered %d, %s%s".formatted(service, answer.statusCode(), meaning,
                    code == null ? "" : " (" + code + ")");
        }
        if (fault == DependencyFault.NO_CREDENTIALS) {
            return "no AWS credentials";
        }
        return service + " unreachable: " + PollBackoff.describe(e);
    }
}
