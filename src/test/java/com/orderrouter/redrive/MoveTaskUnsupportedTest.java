package com.orderrouter.redrive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.SqsException;
import software.amazon.awssdk.services.sqs.model.UnsupportedOperationException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which answers to StartMessageMoveTask make {@code redrive} copy message by message instead. */
class MoveTaskUnsupportedTest {

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "400 | -                                          | -",
            "404 | -                                          | Not Found",
            "405 | -                                          | -",
            "501 | -                                          | -",
            "501 | InternalFailure                            | API action 'StartMessageMoveTask' not yet implemented",
            "400 | InvalidAction                              | Unknown action: StartMessageMoveTask",
            "400 | UnknownOperationException                  | -",
            "400 | AWS.SimpleQueueService.UnsupportedOperation | The specified action is not supported.",
            "400 | NotImplemented                             | -",
            "400 | InvalidRequest                             | Unknown operation StartMessageMoveTask",
            "400 | BadRequest                                 | The action or operation requested is invalid."})
    void anAnswerSayingTheActionIsUnknownOrUnsupportedFallsBack(int status, String code, String message) {
        assertThat(MoveTaskUnsupported.saidBy(answer(status, code, message))).isTrue();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "403 | AccessDenied             | User: arn:aws:iam::1:user/ops is not authorized to perform: "
                    + "sqs:StartMessageMoveTask on resource: arn:aws:sqs:eu-west-1:1:orders-dlq",
            "403 | -                        | -",
            "500 | -                        | -",
            "503 | ServiceUnavailable       | Service is unable to handle request.",
            "400 | InvalidParameterValue    | Source queue must be configured as a Dead Letter Queue.",
            "400 | ResourceNotFoundException | The resource that you specified for the SourceArn parameter doesn't exist.",
            "403 | InvalidClientTokenId     | The security token included in the request is invalid.",
            "400 | RequestThrottled         | Rate exceeded"})
    void anyOtherAnswerIsAnError(int status, String code, String message) {
        assertThat(MoveTaskUnsupported.saidBy(answer(status, code, message))).isFalse();
    }

    @Test
    void sqsOwnUnsupportedOperationFallsBack() {
        assertThat(MoveTaskUnsupported.saidBy(UnsupportedOperationException.builder().statusCode(400).build())).isTrue();
    }

    @Test
    void noAnswerAtAllIsAnErrorNotAFallback() {
        assertThat(MoveTaskUnsupported.saidBy(SdkClientException.create("Unable to execute HTTP request: Connect to "
                + "sqs.eu-west-1.amazonaws.com:443 failed: Connection refused"))).isFalse();
    }

    private static SqsException answer(int status, String code, String message) {
        return (SqsException) SqsException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }
}
