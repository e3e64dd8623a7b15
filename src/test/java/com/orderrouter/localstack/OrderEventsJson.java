package com.orderrouter.localstack;

/** Order events as producers send them (the article's shape), for tests and benchmarks over the wire. */
public final class OrderEventsJson {

    private OrderEventsJson() {
    }

    public static String created(String orderId, String timestamp) {
        return """
                {"type":"order_created","timestamp":"%s","correlation_id":"corr-%s",\
                "data":{"order_id":"%s","customer_id":"cust-%s","items":[{"sku":"SKU-1","quantity":1,"price":19.99}],\
                "total":19.99}}""".formatted(timestamp, orderId, orderId, orderId);
    }

    public static String updated(String orderId, String status, String timestamp) {
        return """
                {"type":"order_updated","timestamp":"%s","data":{"order_id":"%s","status":"%s"}}"""
                .formatted(timestamp, orderId, status);
    }
}
