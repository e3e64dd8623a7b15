package com.orderrouter.ops.routecheck;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the route's own steps say about the exchange at a step: the body's class and the classes of the exchange
 * properties and headers they set (an {@code unmarshal} to a type, a {@code setProperty} from a bean method's result,
 * ...). Null, or a name that is absent, is not known: nothing is checked against it, so a bean that sets a property
 * in Java never causes a false alarm. Immutable.
 */
record ExchangeTypes(Class<?> body, Map<String, Class<?>> properties, Map<String, Class<?>> headers) {

    static final ExchangeTypes UNKNOWN = new ExchangeTypes(null, Map.of(), Map.of());

    ExchangeTypes {
        properties = Map.copyOf(properties);
        headers = Map.copyOf(headers);
    }

    Class<?> property(String name) {
        return properties.get(name);
    }

    Class<?> header(String name) {
        return headers.get(name);
    }

    ExchangeTypes withBody(Class<?> type) {
        return new ExchangeTypes(type, properties, headers);
    }

    ExchangeTypes withProperty(String name, Class<?> type) {
        Map<String, Class<?>> changed = new HashMap<>(properties);
        if (type == null) {
            changed.remove(name);
        } else {
            changed.put(name, type);
        }
        return new ExchangeTypes(body, changed, headers);
    }

    ExchangeTypes withHeader(String name, Class<?> type) {
        Map<String, Class<?>> changed = new HashMap<>(headers);
        if (type == null) {
            changed.remove(name);
        } else {
            changed.put(name, type);
        }
        return new ExchangeTypes(body, properties, changed);
    }

    /** After an endpoint or a step that may replace the message: the body and headers are no longer known. */
    ExchangeTypes newMessage() {
        return new ExchangeTypes(null, properties, Map.of());
    }

    /**
     * Where two paths meet (after a choice, a filter, two callers of one route): what both agree on. A property only
     * one path sets keeps its class: on the other path it is unset, and a missing property reads as null, never as
     * a wrong type.
     */
    ExchangeTypes merge(ExchangeTypes other) {
        return new ExchangeTypes(Objects.equals(body, other.body) ? body : null, merge(properties, other.properties),
                merge(headers, other.headers));
    }

    private static Map<String, Class<?>> merge(Map<String, Class<?>> one, Map<String, Class<?>> other) {
        Map<String, Class<?>> merged = new HashMap<>(one);
        other.forEach((name, type) -> {
            Class<?> known = merged.putIfAbsent(name, type);
            if (known != null && !known.equals(type)) {
                merged.remove(name);
            }
        });
        return merged;
    }
}
