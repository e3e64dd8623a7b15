package com.orderrouter.bench;

import java.util.HashMap;
import java.util.Map;

import com.orderrouter.localstack.LocalAwsStack;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Counts of what a run left in the orders table, by order id prefix (a scan: for after a run, not during it). */
final class StoredOrders {

    private StoredOrders() {
    }

    /** Orders whose id starts with the prefix, and with the given status when it is not null. */
    static int count(LocalAwsStack stack, String prefix, String status) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", AttributeValue.fromS("ORDER#" + prefix)));
        String filter = "begins_with(pk, :p)";
        if (status != null) {
            values.put(":s", AttributeValue.fromS(status));
            filter += " AND #st = :s";
        }
        String f = filter;
        return stack.dynamoDb().scanPaginator(b -> {
            b.tableName(stack.resources().tableName()).select(Select.COUNT).filterExpression(f)
                    .expressionAttributeValues(values);
            if (status != null) {
                b.expressionAttributeNames(Map.of("#st", "status"));
            }
        }).stream().mapToInt(ScanResponse::count).sum();
    }
}
