package com.orderrouter.ops.routecheck;

import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.model.language.ExpressionDefinition;
import org.apache.camel.model.language.MethodCallExpression;
import org.apache.camel.reifier.language.ExpressionReifier;

/**
 * Compiles a step's expression with its own language at validate time, as Camel would when the route starts or, for
 * some (an onException's onWhen, a bean method's parameters), only when the first message needs them; then checks
 * every OGNL read of a simple expression ({@code ${body.items}}, {@code ${exchangeProperty.deadLetter.reasonClass}})
 * against the class the route's steps give it there ({@link ExchangeTypes}).
 */
final class ExpressionCheck {

    private final CamelContext context;
    private final BeanMethods methods;

    ExpressionCheck(CamelContext context, BeanMethods methods) {
        this.context = context;
        this.methods = methods;
    }

    void check(NamedNode step, ExpressionDefinition expression, boolean predicate, ExchangeTypes types,
            Findings findings) {
        if (expression instanceof MethodCallExpression call) {
            checkCall(step, call.getRef(), call.getBeanTypeName(), call.getMethod(), types, findings);
            return;
        }
        String text = expression.getExpression();
        if (text == null || !resolves(text)) {
            return; // an unset placeholder is reported where it is written
        }
        try {
            ExpressionReifier<?> reifier = ExpressionReifier.reifier(context, expression);
            if (predicate) {
                reifier.createPredicate().initPredicate(context);
            } else {
                reifier.createExpression().init(context);
            }
        } catch (RuntimeException e) {
            findings.at(step, expression.getLanguage() + " \"" + text + "\": " + compileError(e));
            return;
        }
        if ("simple".equals(expression.getLanguage())) {
            checkReads(step, text, types, findings);
        }
    }

    /** Simple text that is not an expression definition: throwException's message, a toD uri, a log message. */
    void checkSimple(NamedNode step, String what, String text, ExchangeTypes types, Findings findings) {
        if (text == null || !text.contains("${") || !resolves(text)) {
            return;
        }
        try {
            context.resolveLanguage("simple").createExpression(context.resolvePropertyPlaceholders(text))
                    .init(context);
        } catch (RuntimeException e) {
            findings.at(step, what + " \"" + text + "\": " + compileError(e));
            return;
        }
        checkReads(step, text, types, findings);
    }

    /**
     * A bean method call ({@code bean} step, {@code method} expression, {@code bean:} endpoint): the bean exists, has
     * the method, and the method's parameters ({@code alertedAt(${exchangeProperty.deadLetter})}) compile and read
     * what there is.
     */
    void checkCall(NamedNode step, String ref, String beanType, String method, ExchangeTypes types,
            Findings findings) {
        Optional<Class<?>> type;
        String bean;
        if (ref != null) {
            type = methods.beanClass(ref);
            bean = "bean " + ref;
            if (type.isEmpty()) {
                findings.at(step, "no bean named " + ref + " in the registry");
                return;
            }
        } else if (beanType != null) {
            type = methods.type(beanType);
            bean = "bean type " + beanType;
            if (type.isEmpty()) {
                findings.at(step, "bean type " + beanType + " is not on the classpath");
                return;
            }
        } else {
            return;
        }
        if (method == null) {
            return;
        }
        if (!methods.has(type.get(), method)) {
            String name = method.contains("(") ? method.substring(0, method.indexOf('(')) : method;
            findings.at(step, bean + " (" + type.get().getSimpleName() + ") has no method " + name.trim());
            return;
        }
        checkSimple(step, "parameters", BeanMethods.parameters(method), types, findings);
    }

    /** Each function's OGNL, followed from the class its root has at this step. */
    private void checkReads(NamedNode step, String text, ExchangeTypes types, Findings findings) {
        for (String function : SimpleFunctions.of(context, text)) {
            SimpleRead.of(function, types, methods).filter(read -> read.type() != null).ifPresent(read -> {
                OgnlChain.End end = OgnlChain.follow(methods, read.type(), read.chain());
                if (end.lacking() == null) {
                    return;
                }
                String holder = end.lacking() == read.type() ? read.what() + " here is a "
                        : "on " + read.what() + " here it reaches a ";
                findings.at(step, "${" + function + "}: " + holder + end.lacking().getSimpleName()
                        + ", which has no method or property " + end.member());
            });
        }
    }

    /** A language's own words (simple's say where: "at location 32"), without the text and caret lines after. */
    private static String compileError(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? OneLine.of(e) : message.lines().findFirst().orElse("").trim();
    }

    private boolean resolves(String text) {
        if (!text.contains("{{")) {
            return true;
        }
        try {
            context.resolvePropertyPlaceholders(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
