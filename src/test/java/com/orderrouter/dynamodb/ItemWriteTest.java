package com.orderrouter.dynamodb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderrouter.config.OrderRouterConfiguration;
import com.orderrouter.ingest.InvalidOrderEventException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A DynamoDB write as a route file declares it: checked once, then the headers it sets for an event. */
class ItemWriteTest {

    private static final String EVENT = """
            {"type":"order_cancelled","timestamp":"2026-12-07T11:00:00.5+01:00","correlation_id":"c-9",
             "data":{"order_id":5001,"reason":"changed mind","address":{"city":"Porto","lines":["a",1]},"vip":true}}""";
    private final ObjectMapper json = new OrderRouterConfiguration().orderEventMapper();

    @Test
    void aCreateIfAbsentPutsTheKeyAndEveryAttributeOnTheConditionThatNoItemHasTheKey() throws Exception {
        ItemWrite write = write("create-if-absent", attributes("pk", "ORDER#{data.order_id}", "sk", "METADATA"),
                attributes("order_id", "{data.order_id|text}", "address", "{data.address}", "at", "{timestamp}",
                        "vip", "{data.vip}", "status", "cancelled", "version", 1, "open", false,
                        "note", "{data.note}", "correlation_id", "{correlation_id}"));

        Exchange exchange = prepared(write);

        Map<String, AttributeValue> item = exchange.getMessage().getHeader("CamelAwsDdbItem", Map.class);
        assertThat(item).containsEntry("pk", s("ORDER#5001")).containsEntry("sk", s("METADATA"))
                .containsEntry("order_id", s("5001")).containsEntry("at", s("2026-12-07T10:00:00.500000Z"))
                .containsEntry("vip", AttributeValue.fromBool(true)).containsEntry("status", s("cancelled"))
                .containsEntry("version", AttributeValue.fromN("1")).containsEntry("open", AttributeValue.fromBool(false))
                .containsEntry("correlation_id", s("c-9"))
                .as("a field the event does not have is left out").doesNotContainKey("note");
        assertThat(item.get("address").m()).containsEntry("city", s("Porto"))
                .containsEntry("lines", AttributeValue.fromL(List.of(s("a"), AttributeValue.fromN("1"))));
        assertThat(exchange.getMessage().getHeader("CamelAwsDdbUpdateCondition", Map.class))
                .isEqualTo(Map.of("pk", ExpectedAttributeValue.builder().exists(false).build()));
    }

    @Test
    void anUpdateIfNewerSetsTheAttributesOnTheConditionThatTheStoredOnesAreOlder() throws Exception {
        ItemWrite write = write("update-if-newer", Map.of("pk", "ORDER#{data.order_id}", "sk", "METADATA"),
                attributes("status", "cancelled", "cancel_reason", "{data.reason}", "updated_at", "{timestamp}"));
        write.setNewerBy("updated_at");

        Exchange exchange = prepared(write);

        assertThat(exchange.getMessage().getHeader("CamelAwsDdbKey", Map.class))
                .isEqualTo(Map.of("pk", s("ORDER#5001"), "sk", s("METADATA")));
        Map<String, AttributeValueUpdate> updates = exchange.getMessage().getHeader("CamelAwsDdbUpdateValues", Map.class);
        assertThat(updates).containsEntry("cancel_reason", put(s("changed mind")))
                .containsEntry("updated_at", put(s("2026-12-07T10:00:00.500000Z")));
        Map<String, ExpectedAttributeValue> condition = exchange.getMessage().getHeader("CamelAwsDdbUpdateCondition",
                Map.class);
        assertThat(condition.get("updated_at").comparisonOperator()).isEqualTo(ComparisonOperator.LT);
        assertThat(condition.get("updated_at").attributeValueList()).containsExactly(s("2026-12-07T10:00:00.500000Z"));
    }

    @Test
    void aKeyWhoseFieldIsMissingIsAnInvalidEventNamingTheField() throws Exception {
        ItemWrite write = write("create-if-absent", Map.of("pk", "CUSTOMER#{data.customer_id}"), Map.of());

        assertThatThrownBy(() -> prepared(write)).isInstanceOf(InvalidOrderEventException.class)
                .hasMessage("data.customer_id: is required (key attribute pk)");
    }

    @Test
    void everyMistakeInADeclarationIsReportedNamingItsProperty() {
        ItemWrite write = write("upsert", Map.of(), attributes("a", "{dta.order_id}", "b", "{data.x|upper}",
                "c", "ORDER#{data.order_id", "d", List.of(1)));
        write.setNewerBy("updated_at");

        assertThat(write.check()).containsExactly(
                "write: expected create-if-absent or update-if-newer, got upsert",
                "attributes.a: \"{dta.order_id}\": {dta.order_id} names no event field (expected timestamp, type, "
                        + "correlation_id, data or data.<field>)",
                "attributes.b: \"{data.x|upper}\": {data.x|upper} has an unknown modifier (the one there is: |text)",
                "attributes.c: \"ORDER#{data.order_id\" has a '{' without its '}'",
                "attributes.d: expected a template string, a number or true/false, got a list",
                "key: names no attribute (the table's partition key, and its sort key if it has one)",
                "newerBy: only an update-if-newer has one");
    }

    @Test
    void anUpdateIfNewerNeedsItsNewerByAmongItsAttributesAndMayNotSetTheKey() {
        ItemWrite write = write("update-if-newer", Map.of("pk", "ORDER#{data.order_id}"),
                attributes("pk", "x", "status", "{data.status}"));

        assertThat(write.check()).containsExactly("attributes.pk: is a key attribute, set under key",
                "newerBy: an update-if-newer names the attribute under attributes whose stored value must be older, "
                        + "e.g. newerBy: updated_at with updated_at: \"{timestamp}\"; got null");
    }

    private Exchange prepared(ItemWrite write) throws Exception {
        assertThat(write.check()).isEmpty();
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(json.readTree(EVENT));
        write.prepare(exchange);
        return exchange;
    }

    private static ItemWrite write(String kind, Map<String, Object> key, Map<String, Object> attributes) {
        ItemWrite write = new ItemWrite();
        write.setWrite(kind);
        write.setKey(new LinkedHashMap<>(key));
        write.setAttributes(attributes);
        return write;
    }

    private static Map<String, Object> attributes(Object... pairs) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            attributes.put((String) pairs[i], pairs[i + 1]);
        }
        return attributes;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValueUpdate put(AttributeValue value) {
        return AttributeValueUpdate.builder().action(AttributeAction.PUT).value(value).build();
    }
}
