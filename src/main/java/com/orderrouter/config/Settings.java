package com.orderrouter.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and validates the {@link Setting}s from the environment and turns them into Camel properties. */
public final class Settings {

    private Settings() {
    }

    /**
     * @return Camel properties for every setting that has one, with defaults applied
     * @throws InvalidSettingsException naming every missing or invalid variable at once
     */
    public static Map<String, String> toProperties(Map<String, String> environment) {
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
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        properties.put("orders.queue.name", queueName(properties.get(Setting.QUEUE_URL.property())));
        properties.put("orders.dlq.name", queueName(properties.get(Setting.DLQ_URL.property())));
        return properties;
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
