package com.orderrouter.failure;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderrouter.config.OrderRouterConfiguration;
import com.orderrouter.ingest.InvalidOrderEventException;
import com.orderrouter.ingest.UnknownEventTypeException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import static org.assertj.core.api.Assertions.assertThat;

/** The classification table: each row of FailureClassifier's Javadoc, and the transient default. */
class FailureClassifierTest {

    private final FailureClassifier classifier = new FailureClassifier();
    private final ObjectMapper mapper = new OrderRouterConfiguration().orderEventMapper();

    @Test
    void validationFailuresArePoisonWithTheirReason() {
        assertThat(classifier.classify(new InvalidOrderEventException("data.total", "must be a non-negative number")))
                .isEqualTo(new Failure(true, "invalid-event", "data.total: must be a non-negative number"));
        assertThat(classifier.classify(new UnknownEventTypeException("Order_Created", List.of("order_created"))).errorClass())
                .isEqualTo("unknown-type");
    }

    @Test
    void unreadableJsonIsPoisonEvenWhenWrapped() {
        Failure failure = classifier.classify(new RuntimeCamelException(parseError("{\"type\": x")));
        assertThat(failure.poison()).isTrue();
        assertThat(failure.errorClass()).isEqualTo("malformed-json");
        assertThat(failure.reason()).startsWith("body is not valid JSON").contains("line 1");
    }

    @Test
    void trailingGarbageAndDeepNestingArePoison() {
        assertThat(classifier.classify(parseError("{\"type\":\"order_created\"} x")).errorClass())
                .isEqualTo("malformed-json");
        // more JSON after the object: not one document, and not "must be a JSON object" either
        Failure second = classifier.classify(parseError("{\"type\":\"order_created\"} {\"note\":1}"));
        assertThat(second.errorClass()).isEqualTo("malformed-json");
        assertThat(second.reason()).isEqualTo("body is not valid JSON: more content after the object (line 1, column 26)");
        String deep = "{\"type\":\"t\",\"data\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertThat(classifier.classify(parseError(deep)).poison()).isTrue();
    }

    @Test
    void anEmptyBodyIsMalformedJson() {
        assertThat(classifier.classify(parseError("   ")))
                .isEqualTo(new Failure(true, "malformed-json", "body: is empty, expected a JSON object"));
    }

    @Test
    void anExponentJacksonCannotHoldIsMalformedJsonNotARetry() {
        Failure failure = classifier.classify(parseError("{\"total\":1e2147483648}"));
        assertThat(failure.errorClass()).isEqualTo("malformed-json");
        assertThat(failure.reason()).startsWith("body is not valid JSON: Value \"1e2147483648\"");
        assertThat(classifier.isPoison(new NumberFormatException("not from Jackson"))).isFalse();
    }

    @Test
    void dynamoDbValidationErrorIsPoison() {
        DynamoDbException tooLarge = (DynamoDbException) DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException")
                        .errorMessage("Item size has exceeded the maximum allowed size").build())
                .build();
        assertThat(classifier.classify(tooLarge).errorClass()).isEqualTo("rejected-by-dynamodb");
    }

    @Test
    void throttlingOutagesAndUpdateBeforeCreateAreTransient() {
        assertThat(classifier.isPoison(ProvisionedThroughputExceededException.builder().message("slow down").build()))
                .isFalse();
        assertThat(classifier.isPoison(SdkClientException.create("Unable to execute HTTP request: Connection refused")))
                .isFalse();
        assertThat(classifier.isPoison(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void reasonsQuoteAtMostAHundredCharactersOfTheInputAndSayHowLongItWas() {
        String token = "x".repeat(5_000);
        Failure notJson = classifier.classify(parseError(token));
        // Jackson cuts the token it quotes at 100 characters (it does not know the rest of its length)
        assertThat(notJson.reason()).startsWith("body is not valid JSON: Unrecognized token '" + "x".repeat(100) + "...'")
                .hasSizeLessThan(300);
        Failure unknown = classifier.classify(new UnknownEventTypeException(token, List.of("order_created", "order_updated")));
        assertThat(unknown.reason()).isEqualTo("type: unknown event type \"" + "x".repeat(100)
                + "…\" (5,000 chars) (expected one of order_created, order_updated)");
        Failure anyMessage = classifier.classify(new IllegalStateException(token));
        assertThat(anyMessage.reason()).hasSizeLessThanOrEqualTo(Quoted.MAX_REASON + 20).endsWith("… (5,023 chars)");
    }

    @Test
    void quotedValuesAreCutAtAHundredCharacters() {
        assertThat(Quoted.value("short")).isEqualTo("\"short\"");
        assertThat(Quoted.value("y".repeat(100))).isEqualTo("\"" + "y".repeat(100) + "\"");
        assertThat(Quoted.value("y".repeat(101))).isEqualTo("\"" + "y".repeat(100) + "…\" (101 chars)");
        assertThat(Quoted.value("a" + "😀".repeat(60))).as("a surrogate pair is not split")
                .isEqualTo("\"a" + "😀".repeat(49) + "…\" (121 chars)");
    }

    private Exception parseError(String body) {
        try {
            mapper.readValue(body, JsonNode.class);
        } catch (IOException | NumberFormatException e) {
            return e;
        }
        throw new AssertionError("expected " + body + " to be rejected");
    }
}
