package com.orderrouter.ops.routecheck;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.model.ToDynamicDefinition;

/**
 * Every {@code direct:} endpoint a step sends to has a route consuming it. A misspelt one is otherwise found on the
 * first message that reaches the step, as a DirectConsumerNotAvailableException, which looks transient: every message
 * would be retried, then dead-lettered as retries-exhausted.
 */
final class DirectEndpoints {

    private static final String DIRECT = "direct:";

    private DirectEndpoints() {
    }

    static void check(List<RouteDefinition> routes, Findings findings) {
        Set<String> consumed = routes.stream().map(route -> route.getInput().getEndpointUri())
                .filter(uri -> uri != null && uri.startsWith(DIRECT)).map(DirectEndpoints::name)
                .collect(Collectors.toCollection(TreeSet::new));
        for (RouteDefinition route : routes) {
            ModelSteps.forEach(route.getOutputs(), step -> {
                String uri = step instanceof ToDefinition to ? to.getUri()
                        : step instanceof ToDynamicDefinition toD ? toD.getUri() : null;
                if (uri != null && uri.startsWith(DIRECT) && !uri.contains("{{") && !uri.contains("${")
                        && !consumed.contains(name(uri))) {
                    findings.at(step, "no route consumes " + DIRECT + name(uri) + " (routes consume "
                            + consumed.stream().map(name -> DIRECT + name).collect(Collectors.joining(", ")) + ")");
                }
            });
        }
    }

    /** {@code direct://item-to-dynamodb?timeout=1} as {@code item-to-dynamodb}. */
    private static String name(String uri) {
        String path = uri.substring(DIRECT.length()).replaceFirst("^//", "");
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }
}
