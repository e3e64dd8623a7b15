package com.orderrouter.ops;

import java.io.ByteArrayInputStream;
import java.net.ConnectException;
import java.net.URI;

import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** How AWS answers (and failures to get one) are classified, with exceptions as the SDK builds them. */
class DependencyFaultTest {

    @Test
    void sqsSayingTheQueueDoesNotExistOverTheJsonProtocolMeansItDoesNotExist() {
        // what the SDK makes of ElasticMQ 1.7.1's answer: 400, __type com.amazonaws.sqs#QueueDoesNotExist
        assertThat(DependencyFault.of(QueueDoesNotExistException.builder().statusCode(400)
                .awsErrorDetails(details("QueueDoesNotExist")).build())).isEqualTo(DependencyFault.DOES_NOT_EXIST);
    }

    @Test
    void sqsQueryProtocolCodeForAMissingQueueMeansItDoesNotExist() {
        assertThat(DependencyFault.of(answer(400, "AWS.SimpleQueueService.NonExistentQueue")))
                .isEqualTo(DependencyFault.DOES_NOT_EXIST);
    }

    @Test
    void aNotFoundWithoutBodyMeansItDoesNotExist() {
        // HeadBucket on a missing bucket: 404 and no error code
        assertThat(DependencyFault.of(answer(404, null))).isEqualTo(DependencyFault.DOES_NOT_EXIST);
    }

    @Test
    void forbiddenOrAnAccessDeniedCodeMeansAccessDenied() {
        assertThat(DependencyFault.of(answer(403, null))).isEqualTo(DependencyFault.ACCESS_DENIED);
        assertThat(DependencyFault.of(answer(400, "AccessDenied"))).isEqualTo(DependencyFault.ACCESS_DENIED);
    }

    @Test
    void anyOtherClientErrorIsRejected() {
        assertThat(DependencyFault.of(answer(400, "InvalidAddress"))).isEqualTo(DependencyFault.REJECTED);
    }

    @Test
    void throttlingTimeoutsAndServerErrorsAreOutagesNotMisconfiguration() {
        assertThat(DependencyFault.of(answer(400, "ThrottlingException"))).isEqualTo(DependencyFault.UNREACHABLE);
        assertThat(DependencyFault.of(answer(408, null))).isEqualTo(DependencyFault.UNREACHABLE);
        assertThat(DependencyFault.of(answer(503, "ServiceUnavailable"))).isEqualTo(DependencyFault.UNREACHABLE);
        assertThat(DependencyFault.of(SdkClientException.create("Unable to execute HTTP request: Connection refused",
                new ConnectException("Connection refused")))).isEqualTo(DependencyFault.UNREACHABLE);
        assertThat(DependencyFault.UNREACHABLE.stopsStartUp()).isFalse();
    }

    @Test
    void aCredentialChainThatFindsNothingMeansNoCredentials() {
        // a real call whose chain has nothing to offer: the SDK fails it before sending anything
        ProfileFile empty = ProfileFile.builder().content(new ByteArrayInputStream(new byte[0]))
                .type(ProfileFile.Type.CREDENTIALS).build();
        try (SqsClient sqs = SqsClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:1"))
                .credentialsProvider(AwsCredentialsProviderChain.of(ProfileCredentialsProvider.builder()
                        .profileFile(empty).build())).build()) {
            Throwable failure = catchThrowable(() -> sqs.getQueueAttributes(b -> b.queueUrl("http://127.0.0.1:1/q")));

            assertThat(DependencyFault.of(failure)).isEqualTo(DependencyFault.NO_CREDENTIALS);
            assertThat(DependencyFault.NO_CREDENTIALS.stopsStartUp()).isTrue();
        }
    }

    @Test
    void theSdkExceptionInsideAWrapperDecides() {
        assertThat(DependencyFault.of(new RuntimeCamelException(answer(404, null))))
                .isEqualTo(DependencyFault.DOES_NOT_EXIST);
    }

    private static AwsServiceException answer(int status, String code) {
        return AwsServiceException.builder().statusCode(status).awsErrorDetails(details(code)).build();
    }

    private static AwsErrorDetails details(String code) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage("from the test").build();
    }
}
