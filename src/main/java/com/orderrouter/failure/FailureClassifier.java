package com.orderrouter.failure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The failure classification table: exception → {@link Failure}. It is the only place that decides between poison and
 * transient; the route configuration asks {@link #isPoison(Exception)}. Whatever is not known to be poison is treated
 * as transient, so a bug or an outage never empties the queue into the DLQ.
 *
 * <pre>
 * PoisonMessageException (contract, unknown type, oversized)    → poison, its own class and reason
 * Jackson: unreadable body, trailing garbage, nesting too deep    → poison, malformed-json
 * Jackson: a number it cannot read (exponent beyond an int)        → poison, malformed-json
 * DynamoDB ValidationException (e.g. item over 400 KB)           → poison, rejected-by-dynamodb
 * anything else (throttling, 5xx, timeouts, update-before-create) → transient
 * </pre>
 */
public class FailureClassifier {

    private static final String DYNAMODB_VALIDATION = "ValidationException";

    /** Used by the route configuration's {@code onWhen}: Camel binds the exchange's exception to the parameter. */
    public boolean isPoison(Exception exception) {
        return classify(exception).poison();
    }

    public Failure classify(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof PoisonMessageException poison) {
                return Failure.poison(poison.errorClass(), poison.reason());
            }
            if (t instanceof JsonProcessingException json) {
                return classifyJson(json);
            }
            if (t instanceof NumberFormatException number && thrownByJackson(number)) {
                // e.g. 1e2147483648: Jackson's parser throws this unwrapped
                return Failure.poison("malformed-json", "body is not valid JSON: " + number.getMessage());
            }
            if (t instanceof DynamoDbException ddb && ddb.awsErrorDetails() != null
                    && DYNAMODB_VALIDATION.equals(ddb.awsErrorDetails().errorCode())) {
                return Failure.poison("rejected-by-dynamodb",
                        "DynamoDB rejected the item: " + ddb.awsErrorDetails().errorMessage());
            }
        }
        return Failure.transientFailure(exception == null ? "unknown failure"
                : exception.getClass().getSimpleName() + ": " + exception.getMessage());
    }

    private static boolean thrownByJackson(Throwable t) {
        StackTraceElement[] stack = t.getStackTrace();
        return stack.length > 0 && stack[0].getClassName().startsWith("com.fasterxml.jackson.");
    }

    private static Failure classifyJson(JsonProcessingException json) {
        if (json instanceof MismatchedInputException mismatch && !(json instanceof StreamConstraintsException)) {
            if (mismatch.getOriginalMessage().startsWith("No content")) {
                return Failure.poison("malformed-json", "body: is empty, expected a JSON object");
            }
            // an object followed by more JSON ("{...} {...}"): not one JSON document
            if (mismatch.getOriginalMessage().startsWith("Trailing token")) {
                return Failure.poison("malformed-json", "body is not valid JSON: more content after the object"
                        + location(json));
            }
        }
        return Failure.poison("malformed-json", "body is not valid JSON: " + json.getOriginalMessage() + location(json));
    }

    private static String location(JsonProcessingException json) {
        return json.getLocation() == null ? ""
                : " (line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")";
    }

}
