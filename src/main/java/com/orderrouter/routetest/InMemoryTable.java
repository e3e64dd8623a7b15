package com.orderrouter.routetest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The DynamoDB table of route tests, in memory: the real camel-aws2-ddb producer calls it as it would call DynamoDB,
 * and it answers PutItem, UpdateItem and GetItem with DynamoDB's semantics for the legacy {@code Expected} conditions
 * and {@code AttributeUpdates} that camel-aws2-ddb 4.17 sends (a failed condition is a
 * ConditionalCheckFailedException; UpdateItem creates a missing item). A route test can make it unreachable, as a
 * network outage would. Any other call fails: the routes under test do not make it.
 */
public final class InMemoryTable {

    private final Supplier<Set<String>> keyNames;
    private final Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items = new LinkedHashMap<>();
    private final DynamoDbClient client = OfflineClient.of(DynamoDbClient.class, DynamoDbClient.SERVICE_NAME,
            this::answer);
    private volatile boolean unreachable;

    /**
     * @param keyNames the table's key attributes (partition and sort key), as the routes' writes declare them; asked
     *                 when an item is first stored, since the routes declare them after the client is bound
     */
    public InMemoryTable(Supplier<Set<String>> keyNames) {
        this.keyNames = keyNames;
    }

    public DynamoDbClient client() {
        return client;
    }

    /** Empties the table and makes it reachable again. */
    public synchronized void reset() {
        items.clear();
        unreachable = false;
    }

    /** Every call fails from now on as a connection refused would. */
    public void makeUnreachable() {
        unreachable = true;
    }

    /**
     * Stores an item as it is; it must carry every key attribute.
     *
     * @return false when an item with that key was stored already (and is now replaced)
     */
    public synchronized boolean put(Map<String, AttributeValue> item) {
        return items.put(keyOf(item), new LinkedHashMap<>(item)) == null;
    }

    /** The table's key attributes. */
    public Set<String> keyNames() {
        return keyNames.get();
    }

    /** The stored items, in the order they were first stored. */
    public synchronized List<Map<String, AttributeValue>> items() {
        return items.values().stream().map(Map::copyOf).toList();
    }

    private Object answer(String method, Object request) {
        if (unreachable) {
            throw SdkClientException.create("Unable to execute HTTP request: Connect to dynamodb failed: "
                    + "Connection refused (the route test made the table unreachable)");
        }
        return switch (method) {
            case "putItem" -> putItem((PutItemRequest) request);
            case "updateItem" -> updateItem((UpdateItemRequest) request);
            case "getItem" -> getItem((GetItemRequest) request);
            default -> throw new UnsupportedOperationException("the route tests' table does not answer " + method);
        };
    }

    private synchronized PutItemResponse putItem(PutItemRequest request) {
        refuseConditionExpressions(request.conditionExpression());
        Map<String, AttributeValue> key = keyOf(request.item());
        check(items.get(key), request.expected(), request.conditionalOperator());
        items.put(key, new LinkedHashMap<>(request.item()));
        return PutItemResponse.builder().build();
    }

    private synchronized UpdateItemResponse updateItem(UpdateItemRequest request) {
        refuseConditionExpressions(request.conditionExpression());
        if (request.updateExpression() != null) {
            throw new UnsupportedOperationException("the route tests' table answers AttributeUpdates, not "
                    + "UpdateExpression");
        }
        Map<String, AttributeValue> key = keyOf(request.key());
        Map<String, AttributeValue> stored = items.get(key);
        check(stored, request.expected(), request.conditionalOperator());
        Map<String, AttributeValue> updated = stored == null ? new LinkedHashMap<>(request.key())
                : new LinkedHashMap<>(stored);
        request.attributeUpdates().forEach((name, update) -> apply(updated, name, update));
        items.put(key, updated);
        return UpdateItemResponse.builder().build();
    }

    private synchronized GetItemResponse getItem(GetItemRequest request) {
        Map<String, AttributeValue> stored = items.get(keyOf(request.key()));
        return stored == null ? GetItemResponse.builder().build() : GetItemResponse.builder().item(stored).build();
    }

    private static void apply(Map<String, AttributeValue> item, String name, AttributeValueUpdate update) {
        AttributeAction action = update.action() == null ? AttributeAction.PUT : update.action();
        switch (action) {
            case PUT -> item.put(name, update.value());
            case DELETE -> item.remove(name);
            case ADD -> {
                AttributeValue current = item.get(name);
                BigDecimal sum = new BigDecimal(update.value().n())
                        .add(current == null ? BigDecimal.ZERO : new BigDecimal(current.n()));
                item.put(name, AttributeValue.fromN(sum.toPlainString()));
            }
            default -> throw new UnsupportedOperationException("attribute action " + action);
        }
    }

    /** DynamoDB's evaluation of legacy Expected conditions against the stored item (null: none). */
    private static void check(Map<String, AttributeValue> stored, Map<String, ExpectedAttributeValue> expected,
            ConditionalOperator operator) {
        if (expected == null || expected.isEmpty()) {
            return;
        }
        List<Boolean> results = new ArrayList<>();
        expected.forEach((name, condition) -> results.add(holds(stored == null ? null : stored.get(name), condition)));
        boolean passed = operator == ConditionalOperator.OR ? results.contains(true) : !results.contains(false);
        if (!passed) {
            throw ConditionalCheckFailedException.builder().message("The conditional request failed").build();
        }
    }

    private static boolean holds(AttributeValue actual, ExpectedAttributeValue condition) {
        if (condition.comparisonOperator() == null) {
            if (Boolean.FALSE.equals(condition.exists())) {
                return actual == null;
            }
            return actual != null && (condition.value() == null || same(actual, condition.value()));
        }
        List<AttributeValue> values = condition.attributeValueList();
        return switch (condition.comparisonOperator()) {
            case NULL -> actual == null;
            case NOT_NULL -> actual != null;
            case EQ -> actual != null && same(actual, values.get(0));
            case NE -> actual == null || !same(actual, values.get(0));
            case LT -> actual != null && compare(actual, values.get(0)) < 0;
            case LE -> actual != null && compare(actual, values.get(0)) <= 0;
            case GT -> actual != null && compare(actual, values.get(0)) > 0;
            case GE -> actual != null && compare(actual, values.get(0)) >= 0;
            case BEGINS_WITH -> actual != null && actual.s() != null && actual.s().startsWith(values.get(0).s());
            default -> throw new UnsupportedOperationException("comparison " + condition.comparisonOperator());
        };
    }

    private static boolean same(AttributeValue a, AttributeValue b) {
        if (a.n() != null && b.n() != null) {
            return new BigDecimal(a.n()).compareTo(new BigDecimal(b.n())) == 0;
        }
        return a.equals(b);
    }

    /** Numbers by value, strings by their UTF-8 bytes, as DynamoDB compares them. */
    private static int compare(AttributeValue a, AttributeValue b) {
        if (a.n() != null && b.n() != null) {
            return new BigDecimal(a.n()).compareTo(new BigDecimal(b.n()));
        }
        if (a.s() != null && b.s() != null) {
            return Arrays.compareUnsigned(a.s().getBytes(StandardCharsets.UTF_8), b.s().getBytes(StandardCharsets.UTF_8));
        }
        throw new UnsupportedOperationException("the route tests' table compares strings and numbers only");
    }

    private Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String name : keyNames.get()) {
            AttributeValue value = item.get(name);
            if (value == null) {
                throw new IllegalArgumentException("item without key attribute " + name + ": " + item.keySet());
            }
            key.put(name, value);
        }
        return key;
    }

    private static void refuseConditionExpressions(String expression) {
        if (expression != null) {
            throw new UnsupportedOperationException("the route tests' table answers Expected, not ConditionExpression");
        }
    }
}
