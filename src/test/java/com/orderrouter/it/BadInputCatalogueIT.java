package com.orderrouter.it;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderrouter.localstack.OrderEventsJson;
import com.orderrouter.localstack.SnsStandIn.PublishedAlert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Bad input over the wire: every poison message ends in the DLQ byte for byte, is archived to S3 with its reason and
 * alerted on; valid edge cases are stored intact. The service keeps running throughout.
 */
class BadInputCatalogueIT extends ServiceOnLocalStack {

    private static final String TS = "2026-11-27T10:00:00Z";
    private static final String GOOD_DATA = "{\"order_id\":\"o-1\",\"customer_id\":\"c-1\",\"items\":[],\"total\":1}";

    static Stream<Arguments> poison() {
        return Stream.of(
                arguments("not JSON", "order 1 please", "malformed-json", "body is not valid JSON"),
                arguments("a JSON array", "[" + created(GOOD_DATA) + "]", "invalid-event", "body: must be a JSON object"),
                arguments("whitespace only", " \n\t ", "malformed-json", "body: is empty"),
                arguments("trailing garbage", created(GOOD_DATA) + " x", "malformed-json", "body is not valid JSON"),
                arguments("a second JSON object after the first", created(GOOD_DATA) + " {}", "malformed-json",
                        "body is not valid JSON: more content after the object"),
                arguments("missing type", "{\"timestamp\":\"" + TS + "\",\"data\":" + GOOD_DATA + "}",
                        "invalid-event", "type: is required"),
                arguments("missing data", "{\"type\":\"order_created\",\"timestamp\":\"" + TS + "\"}",
                        "invalid-event", "data: is required"),
                arguments("missing timestamp", "{\"type\":\"order_created\",\"data\":" + GOOD_DATA + "}",
                        "invalid-event", "timestamp: is required"),
                arguments("order_id missing", created(GOOD_DATA.replace("\"order_id\":\"o-1\",", "")),
                        "invalid-event", "data.order_id: is required"),
                arguments("order_id null", created(GOOD_DATA.replace("\"o-1\"", "null")),
                        "invalid-event", "data.order_id: is required"),
                arguments("order_id a fraction", created(GOOD_DATA.replace("\"o-1\"", "17.5")),
                        "invalid-event", "data.order_id: must be a string or an integer, got 17.5"),
                arguments("order_id empty", created(GOOD_DATA.replace("\"o-1\"", "\"\"")),
                        "invalid-event", "data.order_id: must not be empty"),
                arguments("total negative", created(GOOD_DATA.replace("\"total\":1", "\"total\":-0.01")),
                        "invalid-event", "data.total: must be a non-negative number, got -0.01"),
                arguments("total a string", created(GOOD_DATA.replace("\"total\":1", "\"total\":\"12\"")),
                        "invalid-event", "data.total: must be a non-negative number, got \"12\""),
                arguments("total NaN", created(GOOD_DATA.replace("\"total\":1", "\"total\":NaN")),
                        "malformed-json", "body is not valid JSON: Non-standard token 'NaN'"),
                arguments("items not a list", created(GOOD_DATA.replace("[]", "\"SKU-1\"")),
                        "invalid-event", "data.items: must be a list"),
                arguments("timestamp not ISO-8601", created(GOOD_DATA).replace(TS, "27/11/2026 10:00"),
                        "invalid-event", "timestamp: must be an ISO-8601 date-time, got \"27/11/2026 10:00\""),
                arguments("unknown type", created(GOOD_DATA).replace("order_created", "order_deleted"),
                        "unknown-type", "type: unknown event type \"order_deleted\""),
                arguments("type in the wrong case", created(GOOD_DATA).replace("order_created", "Order_Created"),
                        "unknown-type", "type: unknown event type \"Order_Created\""),
                arguments("a 500 KB order, over DynamoDB's 400 KB item limit", orderOfSize("o-500k", 500_000, true),
                        "rejected-by-dynamodb", "DynamoDB rejected the item"),
                arguments("a number bomb: total 1e999999999 (150 bytes that would be a gigabyte written out)",
                        created(GOOD_DATA.replace("\"total\":1", "\"total\":1e999999999")),
                        "invalid-event", "data.total: is 1E+999999999, larger than DynamoDB stores"),
                arguments("a number bomb inside an item line",
                        created(GOOD_DATA.replace("[]", "[{\"sku\":\"A\",\"qty\":-1e999999999}]")),
                        "invalid-event", "data.items[0].qty: is -1E+999999999, larger than DynamoDB stores"),
                arguments("a number with 39 significant digits",
                        created(GOOD_DATA.replace("\"total\":1", "\"total\":1.23456789012345678901234567890123456789")),
                        "invalid-event", "data.total: has 39 significant digits, more than DynamoDB's 38"),
                arguments("a number below DynamoDB's 1E-130", created(GOOD_DATA.replace("[]", "[{\"w\":1e-131}]")),
                        "invalid-event", "data.items[0].w: is 1E-131, smaller than DynamoDB stores"),
                arguments("an exponent beyond what a parser can hold",
                        created(GOOD_DATA.replace("\"total\":1", "\"total\":1e2147483648")),
                        "malformed-json", "body is not valid JSON: Value \"1e2147483648\""),
                arguments("order_id with a lone surrogate (valid JSON, not valid Unicode)",
                        created(GOOD_DATA.replace("\"o-1\"", "\"A\\ud800B\"")),
                        "invalid-event", "data.order_id: is not valid Unicode (a lone surrogate \\uD800 at character 2)"),
                arguments("an item's field name with a lone surrogate",
                        created(GOOD_DATA.replace("[]", "[{\"s\\udc00\":1}]")),
                        "invalid-event", "data.items[0]: has a field name that is not valid Unicode"),
                arguments("an update stamped 2099 by a producer's wrong clock",
                        OrderEventsJson.updated("o-2099", "shipped", "2099-01-01T00:00:00Z"),
                        "invalid-event", "timestamp: \"2099-01-01T00:00:00Z\" is more than 300 s ahead of the "
                                + "service's clock"),
                arguments("a type with U+FFFF, a character SQS refuses in the reason that quotes it",
                        created(GOOD_DATA).replace("order_created", "order\\uffff"),
                        "unknown-type", "type: unknown event type \"order\\uFFFF\""),
                arguments("items nested 40 levels deep, over DynamoDB's 32",
                        created(GOOD_DATA.replace("[]", "[".repeat(40) + "]".repeat(40))),
                        "invalid-event", "data.items" + "[0]".repeat(32) + ": is nested more than 32 levels deep"),
                arguments("JSON nested 10,000 levels deep",
                        created("{\"deep\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"),
                        "malformed-json", "body is not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("poison")
    void poisonGoesToDlqByteForByteAndIsArchivedAndAlerted(String name, String body, String errorClass,
            String reasonStart) {
        double poisonBefore = poisonCount();
        String messageId = probe.send(body);

        JsonNode record = await().atMost(PATIENCE).until(() -> probe.archivedRecordOf(messageId), Optional::isPresent)
                .orElseThrow();

        assertThat(record.get("body").asText()).as("the DLQ copy is the message as sent").isEqualTo(body);
        assertThat(record.get("reason").asText()).startsWith(reasonStart);
        assertThat(record.get("reason_class").asText()).isEqualTo(errorClass);
        assertThat(record.get("source_queue").asText()).isEqualTo(STACK.resources().ordersQueueUrl());
        String key = record.get("s3_key").asText();
        assertThat(record.get("schema_version").asInt()).isEqualTo(2);
        assertThat(key).as("named after the source message").matches("failed/\\d{4}/\\d{2}/\\d{2}/" + messageId + "\\.json");
        PublishedAlert alert = await().atMost(PATIENCE).until(() -> alertFor(key), Optional::isPresent).orElseThrow();
        assertThat(alert.subject()).isEqualTo("DLQ Message Received");
        assertThat(alert.message()).contains(messageId, reasonStart,
                STACK.resources().ordersQueueUrl());
        assertThat(alert.attribute("reason-class")).isEqualTo(errorClass);
        assertThat(poisonCount()).isEqualTo(poisonBefore + 1);
        await().atMost(PATIENCE).until(() -> probe.ordersQueueDepth() == 0 && probe.deadLetterQueueDepth() == 0);
    }

    @Test
    void nonAsciiTextInEveryStringFieldIsStoredIntact() {
        String id = "Ω-" + OrdersSqsToDynamodbIT.newOrderId() + "-😀";
        String customer = "عميل-١٢٣ שלום";
        String sku = "קפה ☕ — Crème brûlée 🍮";
        probe.send("""
                {"type":"order_created","timestamp":"%s","correlation_id":"關聯-🔗",\
                "data":{"order_id":"%s","customer_id":"%s","items":[{"name":"%s"}],"total":3.5}}"""
                .formatted(TS, id, customer, sku));
        await().atMost(PATIENCE).until(() -> !probe.order(id).isEmpty());
        probe.send(OrderEventsJson.updated(id, "已发货 🚚", "2026-11-27T11:00:00Z"));

        await().atMost(PATIENCE).until(() -> "已发货 🚚".equals(probe.order(id).get("status").s()));
        Map<String, AttributeValue> item = probe.order(id);
        assertThat(item.get("pk").s()).isEqualTo("ORDER#" + id);
        assertThat(item.get("customer_id").s()).isEqualTo(customer);
        assertThat(item.get("correlation_id").s()).isEqualTo("關聯-🔗");
        assertThat(item.get("items").l().get(0).m().get("name").s()).isEqualTo(sku);
    }

    @Test
    void orderOf900KilobytesIsStoredIntact() {
        String id = OrdersSqsToDynamodbIT.newOrderId();
        String body = orderOfSize(id, 900_000, false);
        // over SQS's old 256 KiB, under its 1 MiB; the padding is not stored, so the item stays under 400 KB
        assertThat(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(900_000);

        probe.send(body);

        await().atMost(PATIENCE).until(() -> !probe.order(id).isEmpty());
        assertThat(probe.order(id).get("items").l()).hasSize(ITEM_LINES)
                .allSatisfy(line -> assertThat(line.m().get("qty").n()).isEqualTo("1"));
    }

    @Test
    void orderWithNoItemsAndTotalZeroIsStored() {
        String id = OrdersSqsToDynamodbIT.newOrderId();
        probe.send(created("{\"order_id\":\"" + id + "\",\"customer_id\":\"c-0\",\"items\":[],\"total\":0}"));

        await().atMost(PATIENCE).until(() -> !probe.order(id).isEmpty());
        assertThat(probe.order(id).get("items").l()).isEmpty();
        assertThat(probe.order(id).get("total").n()).isEqualTo("0");
    }

    private static String created(String data) {
        return "{\"type\":\"order_created\",\"timestamp\":\"" + TS + "\",\"data\":" + data + "}";
    }

    private double poisonCount() {
        return meters.find("orders.messages.processed").tag("outcome", "poison").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private static Optional<PublishedAlert> alertFor(String s3Key) {
        return STACK.snsStandIn().published().stream().filter(a -> a.message().contains(s3Key)).findFirst();
    }

    private static final int ITEM_LINES = 300;

    /**
     * An order_created of exactly {@code bytes} UTF-8 bytes with {@value #ITEM_LINES} item lines, padded out by a note:
     * in {@code data}, which is not stored (the DynamoDB item stays small), or in the first item line, which is (the
     * item is about as large as the body).
     */
    private static String orderOfSize(String id, int bytes, boolean paddingStored) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < ITEM_LINES; i++) {
            items.append(i == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(i).append("\",\"qty\":1")
                    .append(i == 0 && paddingStored ? ",\"note\":\"%s\"}" : "}");
        }
        String template = created("{\"order_id\":\"" + id + "\",\"customer_id\":\"c-big\","
                + (paddingStored ? "" : "\"note\":\"%s\",") + "\"items\":[" + items + "],\"total\":1}");
        return template.formatted("x".repeat(bytes - template.length() + 2));
    }
}
