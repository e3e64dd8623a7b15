package com.orderrouter.ops.routecheck;

import java.util.List;
import java.util.Optional;

import org.apache.camel.util.OgnlHelper;
import org.apache.camel.util.StringHelper;

/**
 * What one simple function reads, when it is something the route's steps may have typed: the body (or
 * {@code bodyAs(Type)}), an exchange property or a header, and the OGNL chain after it ({@code .reasonClass}). The
 * key and the chain are split as Camel splits them at run time (SimpleFunctionExpression, KeyedOgnlExpressionAdapter).
 *
 * @param what  for messages: "the body", "exchange property deadLetter"
 * @param type  its class at this step, null when not known
 * @param chain the OGNL after it, empty for none
 */
record SimpleRead(String what, Class<?> type, String chain) {

    private static final List<String> BODY = List.of("in.body", "body");
    private static final List<String> BODY_AS = List.of("bodyAs(", "mandatoryBodyAs(");
    private static final List<String> HEADER = List.of("in.headers", "in.header", "headers", "header");
    private static final String PROPERTY = "exchangeProperty";

    /** @return empty for a function that reads nothing the steps type (a date, a random number, ...) */
    static Optional<SimpleRead> of(String function, ExchangeTypes types, BeanMethods methods) {
        for (String prefix : BODY_AS) {
            if (function.startsWith(prefix) && function.contains(")")) {
                String type = StringHelper.between(function, prefix, ")").trim();
                return Optional.of(new SimpleRead("the body as " + type, methods.type(type).orElse(null),
                        StringHelper.after(function, ")")));
            }
        }
        for (String prefix : BODY) {
            String rest = remainder(function, prefix);
            if (rest != null && (rest.isEmpty() || rest.startsWith(".") || rest.startsWith("?")
                    || rest.startsWith("["))) {
                return Optional.of(new SimpleRead("the body", types.body(), rest));
            }
        }
        String property = keyed(function, List.of(PROPERTY));
        if (property != null) {
            String key = key(property);
            return Optional.of(new SimpleRead("exchange property " + key, types.property(key), chain(property)));
        }
        String header = keyed(function, HEADER);
        if (header != null) {
            String key = key(header);
            return Optional.of(new SimpleRead("header " + key, types.header(key), chain(header)));
        }
        return Optional.empty();
    }

    /** What follows {@code exchangeProperty.} or {@code header:} etc., or null when the function is not one. */
    private static String keyed(String function, List<String> prefixes) {
        for (String prefix : prefixes) {
            String rest = remainder(function, prefix);
            if (rest != null && rest.length() > 1 && ".:?[".indexOf(rest.charAt(0)) >= 0) {
                return rest.charAt(0) == '[' ? rest : rest.substring(1);
            }
        }
        return null;
    }

    private static String remainder(String function, String prefix) {
        return function.startsWith(prefix) ? function.substring(prefix.length()) : null;
    }

    private static String key(String keyed) {
        String key = OgnlHelper.splitOgnl(keyed).get(0);
        if (key.startsWith("[") && key.endsWith("]")) {
            key = StringHelper.removeLeadingAndEndingQuotes(key.substring(1, key.length() - 1));
        }
        return OgnlHelper.removeOperators(key);
    }

    private static String chain(String keyed) {
        String first = OgnlHelper.splitOgnl(keyed).get(0);
        return keyed.substring(first.length());
    }
}
