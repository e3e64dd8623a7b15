package com.orderrouter.ingest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Message;
import org.apache.camel.component.aws2.ddb.Ddb2Constants;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;

/**
 * The table layout ({@code pk=ORDER#<id>, sk=METADATA}) and the conditions that make writes idempotent. camel-aws2-ddb
 * sends the legacy {@code Expected}/{@code AttributeUpdates} forms, so conditions are built in that form.
 */
public class OrderTable {

    static final String SORT_KEY = "METADATA";

    /**
     * Stored timestamps are fixed-width UTC with microseconds, so DynamoDB's string comparison on {@code updated_at}
     * orders them in time.
     */
    private static final DateTimeFormatter STORED = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * The PutItem of a new order, as camel-aws2-ddb's headers on {@code request}: the item ({@code CamelAwsDdbItem})
     * and the condition that no item has its key ({@code CamelAwsDdbUpdateCondition}). One bean call sets both: each
     * route step costs CPU on every message.
     */
    public void putIfAbsent(OrderCreated order, Message request) {
        request.setHeader(Ddb2Constants.ITEM, newOrderItem(order));
        request.setHeader(Ddb2Constants.UPDATE_CONDITION, mustNotExist());
    }

    /**
     * The UpdateItem of an order's status, as camel-aws2-ddb's headers on {@code request}: the key
     * ({@code CamelAwsDdbKey}), the new status and {@code updated_at} ({@code CamelAwsDdbUpdateValues}), and the
     * condition that what is stored is older ({@code CamelAwsDdbUpdateCondition}).
     */
    public void updateIfNewer(OrderUpdated update, Message request) {
        request.setHeader(Ddb2Constants.KEY, key(update.orderId()));
        request.setHeader(Ddb2Constants.UPDATE_VALUES, statusUpdate(update));
        request.setHeader(Ddb2Constants.UPDATE_CONDITION, mustBeOlderThan(update));
    }

    static Map<String, AttributeValue> newOrderItem(OrderCreated order) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(order.orderId()));
        String at = stored(order.timestamp());
        item.put("order_id", s(order.orderId()));
        item.put("status", s("pending"));
        item.put("created_at", s(at));
        item.put("updated_at", s(at));
        item.put("customer_id", s(order.customerId()));
        item.put("items", AttributeValue.fromL(order.items().stream().map(OrderTable::attribute).toList()));
        item.put("total", AttributeValue.fromN(EventRules.numberText(order.total())));
        if (order.correlationId() != null) {
            item.put("correlation_id", s(order.correlationId()));
        }
        return item;
    }

    /** A create only writes when no item has this key: a duplicate create is a no-op, never an overwrite. */
    static Map<String, ExpectedAttributeValue> mustNotExist() {
        return Map.of("pk", ExpectedAttributeValue.builder().exists(false).build());
    }

    static Map<String, AttributeValueUpdate> statusUpdate(OrderUpdated update) {
        return Map.of(
                "status", put(s(update.status())),
                "updated_at", put(s(stored(update.timestamp()))));
    }

    /**
     * An update only writes over older state; it also fails when the item does not exist (a missing attribute is never
     * less than anything), which {@link #confirmStale} then tells apart from a stale update.
     */
    static Map<String, ExpectedAttributeValue> mustBeOlderThan(OrderUpdated update) {
        return Map.of("updated_at", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.LT)
                .attributeValueList(s(stored(update.timestamp()))).build());
    }

    /**
     * After a failed update condition, with the item read back: stored state at least as new as the update makes it
     * stale (a no-op). No item, or an older one (its create was stored between the update and this read), means the
     * update has not been applied: it is retried.
     */
    public void confirmStale(OrderUpdated update, Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            throw OrderNotYetCreatedException.missing(update.orderId());
        }
        AttributeValue storedAt = item.get("updated_at");
        if (storedAt == null || storedAt.s() == null || storedAt.s().compareTo(stored(update.timestamp())) < 0) {
            throw OrderNotYetCreatedException.createdMeanwhile(update.orderId());
        }
    }

    static String stored(Instant instant) {
        return STORED.format(instant);
    }

    private static Map<String, AttributeValue> key(String orderId) {
        return Map.of("pk", s("ORDER#" + orderId), "sk", s(SORT_KEY));
    }

    private static AttributeValueUpdate put(AttributeValue value) {
        return AttributeValueUpdate.builder().action(AttributeAction.PUT).value(value).build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** JSON to DynamoDB, keeping every value as sent (numbers keep their exact text). */
    public static AttributeValue attribute(JsonNode node) {
        if (node.isObject()) {
            Map<String, AttributeValue> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), attribute(e.getValue())));
            return AttributeValue.fromM(map);
        }
        if (node.isArray()) {
            List<AttributeValue> list = new java.util.ArrayList<>(node.size());
            node.forEach(child -> list.add(attribute(child)));
            return AttributeValue.fromL(list);
        }
        if (node.isNumber()) {
            return AttributeValue.fromN(EventRules.numberText(node.decimalValue()));
        }
        if (node.isBoolean()) {
            return AttributeValue.fromBool(node.booleanValue());
        }
        if (node.isNull()) {
            return AttributeValue.fromNul(true);
        }
        return s(node.asText());
    }
}
