package com.orderrouter.routes;

import com.orderrouter.routetest.OfflineSqs;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderrouter.OrderRouterMain;
import com.orderrouter.testing.RouteFiles;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.ddb.Ddb2Constants;
import org.apache.camel.component.bean.BeanConstants;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.aws2.sns.Sns2Constants;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Producers cannot steer an endpoint: SQS message attributes named like the headers each route's endpoints read (in
 * other letter cases too) arrive through the real aws2-sqs consumers of both queues and reach no endpoint as headers,
 * while the DLQ copy and the archive keep every attribute with its data type. SQS is {@link OfflineSqs}; DynamoDB, S3
 * and SNS endpoints are mocked; no network.
 */
@CamelMainTest(mainClass = OrderRouterMain.class,
        propertyPlaceholderLocations = { "classpath:application.properties", RouteFiles.TUNABLES,
                "classpath:route-test.properties",
                "classpath:route-test-fast-redelivery.properties" },
        mockEndpointsAndSkip = "aws2-(ddb|s3|sns):.*")
class NoMessageAttributeIsAHeaderTest extends OfflineRouteTest {

    private static final String QUEUE = "http://127.0.0.1:1/000000000000/orders-queue";
    private static final String DLQ = "http://127.0.0.1:1/000000000000/orders-queue-dlq";
    /** The value of every attribute named like a header: no endpoint may see it. */
    private static final String HOSTILE = "hostile";
    /** SQS takes at most 10 attributes per message: 9 named like headers and one a producer really sends. */
    private static final int NAMES_PER_MESSAGE = 9;
    private static final Map<String, MessageAttributeValue> TENANT = Map.of("tenant", typed("String.tenant", "acme"));


    @EndpointInject("mock:aws2-ddb:orders")
    MockEndpoint dynamodb;
    @EndpointInject("mock:aws2-s3:orders-dlq-archive")
    MockEndpoint s3;
    @EndpointInject("mock:aws2-sns:arn:aws:sns:us-east-1:000000000000:orders-alerts")
    MockEndpoint sns;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void attributesNamedLikeDynamoDbSqsOrBeanHeadersDoNotReachTheWrite() throws Exception {
        List<List<String>> batches = batches(Stream.concat(constants(Ddb2Constants.class), commonHeaders()));
        dynamodb.expectedMessageCount(batches.size());

        for (int i = 0; i < batches.size(); i++) {
            sqs.deliver(QUEUE, message("m-" + i, created("o-" + i), hostile(batches.get(i)), Map.of()));
        }

        dynamodb.assertIsSatisfied();
        for (Exchange write : dynamodb.getReceivedExchanges()) {
            assertThat(write.getMessage().getHeaders()).as("headers at aws2-ddb").doesNotContainValue(HOSTILE)
                    .doesNotContainKey("tenant");
            Map<String, AttributeValue> item = write.getMessage().getHeader(Ddb2Constants.ITEM, Map.class);
            assertThat(item.get("pk").s()).startsWith("ORDER#o-");
        }
        await().until(() -> sqs.deleted().size() == batches.size());
        assertThat(sqs.sent()).as("nothing dead-lettered").isEmpty();
    }

    @Test
    void poisonWithAttributesNamedLikeHeadersReachesTheDlqWithEveryAttributeAndItsType() {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>(hostile(List.of(
                BeanConstants.BEAN_METHOD_NAME, "camelawsddboperation", "ApproximateReceiveCount", "SENTTIMESTAMP",
                Sqs2Constants.MESSAGE_ATTRIBUTES, Sqs2Constants.RECEIPT_HANDLE)));
        attributes.put("amount", typed("Number.int", "42"));
        attributes.put("raw", MessageAttributeValue.builder().dataType("Binary.gzip")
                .binaryValue(SdkBytes.fromByteArray(new byte[] { 0, -1, 7 })).build());

        sqs.deliver(QUEUE, message("poison-1", "not json", attributes, Map.of()));

        await().until(() -> sqs.sent().size() == 1);
        SendMessageRequest copy = sqs.sent().get(0);
        assertThat(copy.queueUrl()).isEqualTo(DLQ);
        assertThat(copy.messageBody()).isEqualTo("not json");
        Map<String, MessageAttributeValue> carried = new LinkedHashMap<>(copy.messageAttributes());
        assertThat(carried.remove("dead-letter").stringValue()).contains("\"reason_class\":\"malformed-json\"",
                "\"receive_count\":1");
        assertThat(carried).isEqualTo(attributes);
        await().until(() -> sqs.deleted().contains("receipt-poison-1"));
    }

    @Test
    void attributesNamedLikeS3OrSnsHeadersDoNotReachTheArchiveOrTheAlert() throws Exception {
        List<List<String>> batches = batches(Stream.of(constants(AWS2S3Constants.class), constants(Sns2Constants.class),
                commonHeaders()).flatMap(s -> s));
        // a put and an alert-mark put per dead letter
        s3.expectedMessageCount(2 * batches.size());
        sns.expectedMessageCount(batches.size());

        for (int i = 0; i < batches.size(); i++) {
            Map<String, MessageAttributeValue> attributes = hostile(batches.get(i));
            attributes.put("traceparent", typed("String", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
            sqs.deliver(DLQ, message("dl-" + i, "not json " + i, attributes,
                    Map.of(MessageSystemAttributeName.SENT_TIMESTAMP, "1764237600000")));
        }

        s3.assertIsSatisfied();
        sns.assertIsSatisfied();
        for (Exchange put : s3.getReceivedExchanges()) {
            assertThat(put.getMessage().getHeaders()).as("headers at aws2-s3").doesNotContainValue(HOSTILE);
            assertThat(put.getMessage().getHeader(AWS2S3Constants.KEY, String.class)).matches("failed/.*/dl-\\d+\\.json");
        }
        for (Exchange alert : sns.getReceivedExchanges()) {
            assertThat(alert.getMessage().getHeaders()).as("headers at aws2-sns").doesNotContainValue(HOSTILE)
                    .containsEntry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        }
        // the archive keeps each attribute as it came, with its type
        JsonNode record = json.readTree(s3.getReceivedExchanges().get(0).getMessage().getBody(String.class));
        String first = batches.get(Integer.parseInt(record.get("source_message_id").asText().substring(3))).get(0);
        assertThat(record.get("message_attributes").get(first).get("data_type").asText()).isEqualTo("String");
        assertThat(record.get("message_attributes").get(first).get("string_value").asText()).isEqualTo(HOSTILE);
        assertThat(record.get("message_attributes").get("tenant").get("data_type").asText()).isEqualTo("String.tenant");
    }

    /** The String header names a component documents in its constants class. */
    private static Stream<String> constants(Class<?> type) {
        return Stream.of(type.getFields()).filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(NoMessageAttributeIsAHeaderTest::value).filter(name -> name.startsWith("Camel"));
    }

    /** Headers every route's steps read: the bean component's, the SQS consumer's and SQS's system attributes. */
    private static Stream<String> commonHeaders() {
        return Stream.of(Stream.of(BeanConstants.BEAN_METHOD_NAME, Exchange.BREADCRUMB_ID), constants(Sqs2Constants.class),
                MessageSystemAttributeName.knownValues().stream().map(Object::toString)).flatMap(s -> s);
    }

    /** The names in turns of as given, lower case, upper case: Camel's header names ignore case. */
    private static List<List<String>> batches(Stream<String> names) {
        List<String> all = names.distinct().toList();
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < all.size(); i += NAMES_PER_MESSAGE) {
            List<String> batch = new ArrayList<>();
            for (int j = i; j < Math.min(all.size(), i + NAMES_PER_MESSAGE); j++) {
                String name = all.get(j);
                batch.add(switch (j % 3) {
                    case 0 -> name;
                    case 1 -> name.toLowerCase(Locale.ROOT);
                    default -> name.toUpperCase(Locale.ROOT);
                });
            }
            batches.add(batch);
        }
        return batches;
    }

    private static Map<String, MessageAttributeValue> hostile(List<String> names) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>(TENANT);
        names.forEach(name -> attributes.put(name, typed("String", HOSTILE)));
        return attributes;
    }

    private static Message message(String id, String body, Map<String, MessageAttributeValue> attributes,
            Map<MessageSystemAttributeName, String> system) {
        Map<MessageSystemAttributeName, String> all = new LinkedHashMap<>(system);
        all.put(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1");
        return Message.builder().messageId(id).receiptHandle("receipt-" + id).body(body)
                .messageAttributes(attributes).attributes(all).build();
    }

    private static String created(String orderId) {
        return "{\"type\":\"order_created\",\"timestamp\":\"2026-11-27T10:00:00Z\",\"data\":{\"order_id\":\""
                + orderId + "\",\"customer_id\":\"c-1\",\"items\":[{\"sku\":\"A-1\",\"qty\":1}],\"total\":1}}";
    }

    private static MessageAttributeValue typed(String dataType, String value) {
        return MessageAttributeValue.builder().dataType(dataType).stringValue(value).build();
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
