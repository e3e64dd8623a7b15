package com.orderrouter.ops.routecheck;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;

/**
 * Every {@code {{property}}} the route files use resolves, with the properties validate-routes loaded: the routes'
 * tunables (orders.properties), the platform's settings and the variables environment.yaml declares (stand-in values
 * for both). One that does not is reported where it is written, as unset: at run time it stops the service from
 * starting, or, in an expression, fails the messages that reach it.
 */
final class PlaceholderCheck {

    /** Camel's placeholder: {@code {{name}}}, {@code {{name:default}}}, {@code {{?optional}}}, {@code {{env:NAME}}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.+?)}}");

    private PlaceholderCheck() {
    }

    static void check(CamelContext context, SourceLines lines, Findings findings) {
        lines.forEachScalar((file, line, value) -> {
            Matcher matcher = PLACEHOLDER.matcher(value);
            while (matcher.find()) {
                try {
                    context.resolvePropertyPlaceholders(matcher.group());
                } catch (RuntimeException e) {
                    // {{name:default}} never fails; a function ({{env:NAME}}) is named whole
                    String inside = matcher.group(1).trim();
                    String name = inside.matches("[a-z]+:.*") ? inside : inside.split(":", 2)[0];
                    String message = OneLine.of(e).contains("not found") ? "unset property " + name
                            + ": set it in orders.properties, or declare its variable in environment.yaml"
                            : matcher.group() + ": " + OneLine.of(e);
                    findings.in(new SourceLines.Located(file, line), message);
                }
            }
        });
    }
}
