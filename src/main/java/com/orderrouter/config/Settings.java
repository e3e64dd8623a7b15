package com.orderrouter.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and validates the environment and turns it into Camel properties: the platform's {@link Setting}s and the
 * variables the routes declare beside them ({@link RouteVariables}). These properties are the only ones the
 * environment overrides; the jar's application.properties and the routes' orders.properties hold the rest.
 */
public final class Settings {

    /** Derived from the queues' URLs: Camel's endpoint URIs are keyed by the queue name. */
    private static final String QUEUE_NAME = "orders.queue.name";
    private static final String DLQ_NAME = "orders.dlq.name";

    private Settings() {
    }

    /**
     * The platform's settings and the variables declared in the routes folder the environment names (ROUTES_DIR).
     *
     * @throws MalformedDeclarationException when that folder's declaration cannot be read
     * @see #toProperties(Map, RouteVariables)
     */
    public static Map<String, String> toProperties(Map<String, String> environment) {
        return toProperties(environment, RouteVariables.read(routesDir(environment)));
    }

    /**
     * @return Camel properties for every setting and route variable that has one, with defaults applied
     * @throws InvalidSettingsException naming every missing or invalid variable at once
     */
    public static Map<String, String> toProperties(Map<String, String> environment, RouteVariables routeVariables) {
        List<String> problems = new ArrayList<>();
        Map<String, String> properties = new LinkedHashMap<>();
        for (Setting setting : Setting.all()) {
            String value = environment.get(setting.name());
            String problem = setting.problemWith(value);
            if (problem != null) {
                problems.add(problem);
                continue;
            }
            boolean unset = value == null || value.isBlank();
            if (setting.property() != null && !(unset && setting.defaultValue().isEmpty())) {
                properties.put(setting.property(), unset ? setting.defaultValue() : value.trim());
            }
        }
        for (RouteVariable variable : routeVariables.all()) {
            String value = environment.get(variable.name());
            String problem = variable.problemWith(value, routeVariables.file());
            if (problem != null) {
                problems.add(problem);
            } else {
                properties.put(variable.property(), variable.valueFrom(value));
            }
        }
        String queue = properties.get(Setting.QUEUE_URL.property());
        if (queue != null && queue.equals(properties.get(Setting.DLQ_URL.property()))) {
            // the DLQ consumer would take orders off the orders queue and archive them as dead letters
            problems.add("DLQ_URL=" + queue + " is invalid: it is QUEUE_URL; the dead-letter queue must be another queue");
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        properties.put(QUEUE_NAME, queueName(properties.get(Setting.QUEUE_URL.property())));
        properties.put(DLQ_NAME, queueName(properties.get(Setting.DLQ_URL.property())));
        return properties;
    }

    /** Each property the platform sets from the environment, with the variable it comes from. */
    static Map<String, String> platformProperties() {
        Map<String, String> owners = new LinkedHashMap<>();
        Setting.all().stream().filter(setting -> setting.property() != null)
                .forEach(setting -> owners.put(setting.property(), setting.name()));
        owners.put(QUEUE_NAME, Setting.QUEUE_URL.name());
        owners.put(DLQ_NAME, Setting.DLQ_URL.name());
        return owners;
    }

    /** The routes the service loads, whose declared variables it reads. */
    private static Path routesDir(Map<String, String> environment) {
        String value = environment.get(Setting.ROUTES_DIR.name());
        return Path.of(value == null || value.isBlank() ? Setting.ROUTES_DIR.defaultValue() : value.trim());
    }

    /** The queue name is the last segment of its URL; Camel's endpoint URIs are keyed by it. */
    static String queueName(String queueUrl) {
        String path = URI.create(queueUrl).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Thrown when the environment cannot start the service; the message lists each offending variable. */
    public static final class InvalidSettingsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidSettingsException(List<String> problems) {
            super("order-router cannot start, fix these environment variables:\n  - " + String.join("\n  - ", problems));
        }
    }
}
