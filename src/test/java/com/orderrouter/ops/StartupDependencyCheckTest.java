package com.orderrouter.ops;

import java.net.ConnectException;
import java.util.List;

import com.orderrouter.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which start-up answers stop the service and what the one line says, with dependencies that fail as told. */
class StartupDependencyCheckTest {

    private static final Runnable ANSWERS = () -> { };
    private static final Runnable QUEUE_MISSING = () -> {
        throw AwsServiceException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("QueueDoesNotExist").build()).build();
    };
    private static final Runnable REFUSED = () -> {
        throw SdkClientException.create("Unable to execute HTTP request: Connection refused",
                new ConnectException("Connection refused"));
    };
    private static final Runnable NO_CREDENTIALS = () -> {
        throw SdkClientException.create("Unable to load credentials from any of the providers in the chain "
                + "AwsCredentialsProviderChain(credentialsProviders=[...])");
    };

    private final LogCapture log = LogCapture.of(StartupDependencyCheck.class);

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Test
    void everyMissingResourceIsNamedByItsSettingWhileAnUnreachableOneIsLeftOut() {
        StartupDependencyCheck check = new StartupDependencyCheck(List.of(
                new DependencyCheck("orders-queue", List.of(new Dependency("QUEUE_URL", "q", "SQS", QUEUE_MISSING))),
                new DependencyCheck("dead-letter-queue", List.of(new Dependency("DLQ_URL", "d", "SQS", ANSWERS))),
                new DependencyCheck("dead-letter-archive", List.of(new Dependency("DLQ_BUCKET", "b", "S3", REFUSED),
                        new Dependency("ALERTS_TOPIC", "t", "SNS", QUEUE_MISSING)))));

        assertThatThrownBy(check::verify).isInstanceOf(IllegalStateException.class).hasMessage("misconfigured: "
                + "QUEUE_URL=q: SQS answered 400, does not exist (QueueDoesNotExist); "
                + "ALERTS_TOPIC=t: SNS answered 400, does not exist (QueueDoesNotExist)");
    }

    @Test
    void noCredentialsAreNamedOnceAsTheCredentialChainNotPerSetting() {
        StartupDependencyCheck check = new StartupDependencyCheck(List.of(
                new DependencyCheck("orders-queue", List.of(new Dependency("QUEUE_URL", "q", "SQS", NO_CREDENTIALS))),
                new DependencyCheck("dead-letter-archive", List.of(new Dependency("DLQ_BUCKET", "b", "S3",
                        NO_CREDENTIALS)))));

        assertThatThrownBy(check::verify).hasMessage("no AWS credentials: the SDK's default credential chain "
                + "(environment, system properties, web identity, profile, container, instance metadata) found none");
    }

    @Test
    void unreachableDependenciesOnlyWarnAndStartUpGoesOn() {
        StartupDependencyCheck check = new StartupDependencyCheck(List.of(
                new DependencyCheck("orders-queue", List.of(new Dependency("QUEUE_URL", "q", "SQS", REFUSED))),
                new DependencyCheck("dead-letter-archive", List.of(new Dependency("DLQ_BUCKET", "b", "S3", ANSWERS)))));

        check.verify();

        assertThat(log.lines()).containsExactly("WARN not reachable at start-up, starting anyway: consumers back off "
                + "until their queue answers, dead letters wait on the DLQ until S3 and SNS do: "
                + "QUEUE_URL=q: SQS unreachable: Connection refused");
    }
}
