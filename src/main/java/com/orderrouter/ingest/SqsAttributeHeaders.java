package com.orderrouter.ingest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.camel.support.DefaultHeaderFilterStrategy;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Which SQS message attributes become exchange headers on the service's SQS consumers (their
 * {@code headerFilterStrategy}): only the names listed in {@code orders.sqs.header-attributes}, by default the W3C trace
 * context ({@code traceparent}, {@code tracestate}), compared without regard to letter case.
 * <p>
 * Why an allow-list: camel-aws2-sqs makes every message attribute a header unless the endpoint's strategy filters it
 * on the way in (its own strategy filters only outgoing headers), and Camel's header names ignore case. A producer
 * could otherwise send {@code CamelAwsDdbTableName}, {@code camelawsddboperation}, {@code CamelAwsS3Key},
 * {@code CamelBeanMethodName} or {@code ApproximateReceiveCount} and steer an endpoint or the retry logic (the class
 * of CVE-2025-27636 and CVE-2025-29891). A deny-list would have to know every header of every component a route will
 * ever use. Every attribute still reaches the routes, typed, in {@code CamelAwsSqsMessageAttributes}, and so the DLQ
 * copy, the archive and replay.
 * <p>
 * A configured name that Camel or SQS owns ({@code Camel...}, {@code org.apache.camel...}, {@code breadcrumbId}, an SQS
 * system attribute) fails start-up naming the property.
 */
public final class SqsAttributeHeaders {

    public static final String PROPERTY = "orders.sqs.header-attributes";

    private SqsAttributeHeaders() {
    }

    /** The consumers' strategy: attributes named in {@code allowed} pass (any letter case), every other one is dropped. */
    public static DefaultHeaderFilterStrategy allowing(String allowed) {
        Set<String> names = names(allowed);
        DefaultHeaderFilterStrategy strategy = new DefaultHeaderFilterStrategy();
        strategy.setInFilter(names);
        strategy.setCaseInsensitive(true);
        // an allow-list: a listed name passes, anything else is filtered
        strategy.setFilterOnMatch(false);
        return strategy;
    }

    static Set<String> names(String allowed) {
        Set<String> names = new LinkedHashSet<>();
        List<String> refused = new ArrayList<>();
        for (String name : (allowed == null ? "" : allowed).split(",")) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (ownedByCamelOrSqs(trimmed)) {
                refused.add(trimmed);
            }
            names.add(trimmed);
        }
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException(PROPERTY + " lists " + String.join(", ", refused)
                    + ": a message attribute may not become a header Camel or SQS owns");
        }
        return names;
    }

    private static boolean ownedByCamelOrSqs(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("camel") || lower.startsWith("org.apache.camel") || lower.equals("breadcrumbid")
                || MessageSystemAttributeName.knownValues().stream()
                        .anyMatch(system -> system.toString().equalsIgnoreCase(name));
    }
}
