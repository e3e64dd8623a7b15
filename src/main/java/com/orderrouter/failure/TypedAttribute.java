package com.orderrouter.failure;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * One SQS message attribute exactly as received, in JSON: {@code {"data_type": "Number", "string_value": "42.5"}} or
 * {@code {"data_type": "Binary.gzip", "binary_value": "<base64>"}}. The data type is kept whole, custom suffix
 * included ({@code String.tenant}); it decides which value is set, as in SQS's API.
 *
 * @param dataType    {@code String}, {@code Number} or {@code Binary}, optionally with a custom suffix ({@code .x})
 * @param stringValue the value of a String or Number attribute, else null
 * @param binaryValue the bytes of a Binary attribute (base64 in JSON), else null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TypedAttribute(String dataType, String stringValue, byte[] binaryValue) {

    public static TypedAttribute of(MessageAttributeValue value) {
        return isBinary(value.dataType())
                ? new TypedAttribute(value.dataType(), null, value.binaryValue() == null ? new byte[0]
                        : value.binaryValue().asByteArray())
                : new TypedAttribute(value.dataType(), value.stringValue(), null);
    }

    public static TypedAttribute string(String value) {
        return new TypedAttribute("String", value, null);
    }

    /** The attribute as SQS's API takes it on send (only type and value: received ones may carry empty lists). */
    public MessageAttributeValue toSqs() {
        MessageAttributeValue.Builder builder = MessageAttributeValue.builder().dataType(dataType);
        return isBinary(dataType) ? builder.binaryValue(SdkBytes.fromByteArray(binaryValue)).build()
                : builder.stringValue(stringValue).build();
    }

    /**
     * What this attribute named {@code name} adds to a message's size as SQS counts it: the UTF-8 bytes of the name,
     * the data type and a string value, or the bytes of a binary value.
     */
    public int bytes(String name) {
        return utf8(name) + utf8(dataType) + utf8(stringValue) + (binaryValue == null ? 0 : binaryValue.length);
    }

    /**
     * Whether SQS would take it back on a send: a String, Number or Binary type (with any suffix) and the value that
     * type needs. Attributes read from the service's own context are checked with this before they are trusted.
     */
    public boolean sendable() {
        if (dataType == null) {
            return false;
        }
        if (isBinary(dataType)) {
            return binaryValue != null;
        }
        if (stringValue == null || !(dataType.equals("String") || dataType.startsWith("String.")
                || dataType.equals("Number") || dataType.startsWith("Number."))) {
            return false;
        }
        return !dataType.startsWith("Number") || stringValue.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    }

    /** UTF-8 bytes of {@code text}; 0 for null. */
    public static int utf8(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static boolean isBinary(String dataType) {
        return dataType != null && (dataType.equals("Binary") || dataType.startsWith("Binary."));
    }
}
