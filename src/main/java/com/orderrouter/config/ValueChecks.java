package com.orderrouter.config;

import java.net.URI;

/**
 * Checks of an environment variable's value that both the platform's {@link Setting}s and the routes' declared
 * variables ({@link RouteVariables}) use. Each returns a problem description, or null when the value is acceptable.
 */
final class ValueChecks {

    private ValueChecks() {
    }

    static String sqsQueueUrl(String value) {
        String problem = httpUrl(value);
        if (problem != null) {
            return problem;
        }
        String path = URI.create(value).getPath();
        return path == null || path.lastIndexOf('/') >= path.length() - 1
                ? "expected a queue URL ending in the queue name, e.g. https://sqs.eu-west-1.amazonaws.com/123456789012/orders-queue"
                : null;
    }

    static String httpUrl(String value) {
        try {
            URI uri = URI.create(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                return "expected an http(s) URL";
            }
            return null;
        } catch (IllegalArgumentException e) {
            return "expected an http(s) URL";
        }
    }

    static String bool(String value) {
        return value.equals("true") || value.equals("false") ? null : "expected true or false";
    }

    static String intBetween(String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            return n >= min && n <= max ? null : "expected a whole number from " + min + " to " + max;
        } catch (NumberFormatException e) {
            return "expected a whole number from " + min + " to " + max;
        }
    }
}
