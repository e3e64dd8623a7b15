package com.orderrouter.config;

import java.util.function.Function;

/**
 * An environment variable a route reads, declared in {@code ROUTES_DIR/environment.yaml} (see {@link RouteVariables}):
 * checked at start-up like a {@link Setting}, then handed to Camel as {@code property} for routes to use as
 * {@code {{property}}}.
 *
 * @param defaultValue the value when unset; null makes the variable required
 * @param check returns a problem description, or null when the value is acceptable
 * @param example a value the check accepts, standing in for a required variable when validate-routes loads the routes
 */
public record RouteVariable(String name, String property, String defaultValue, Function<String, String> check,
        String example, String description) {

    boolean required() {
        return defaultValue == null;
    }

    /** @return null when the value is fine, else a message naming this variable and where it is declared. */
    String problemWith(String value, String declaredIn) {
        if (value == null || value.isBlank()) {
            return required() ? name + " is not set: " + description + " (declared in " + declaredIn + ")" : null;
        }
        String problem = check.apply(value.trim());
        return problem == null ? null
                : name + "=" + value + " is invalid: " + problem + " (declared in " + declaredIn + ")";
    }

    /** The property's value: the variable's, else its default. */
    String valueFrom(String value) {
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    /** What the variable stands for when validate-routes loads the routes: its default, else a valid example. */
    String placeholder() {
        return required() ? example : defaultValue;
    }
}
