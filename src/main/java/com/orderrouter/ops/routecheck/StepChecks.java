package com.orderrouter.ops.routecheck;

import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.CatchDefinition;
import org.apache.camel.model.ExpressionNode;
import org.apache.camel.model.ExpressionSubElementDefinition;
import org.apache.camel.model.FilterDefinition;
import org.apache.camel.model.LogDefinition;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.ThrowExceptionDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.ValidateDefinition;
import org.apache.camel.model.WhenDefinition;
import org.apache.camel.util.StringHelper;
import org.apache.camel.util.URISupport;

/**
 * The checks of one step on its own, with the classes known there: its expressions, the bean method it calls, the
 * exception it throws. What a step hands the next ones is {@link RouteFlow}'s business.
 */
final class StepChecks {

    private static final String BEAN_SCHEME = "bean:";

    private final BeanMethods methods;
    private final ExpressionCheck expressions;

    StepChecks(CamelContext context, BeanMethods methods) {
        this.methods = methods;
        this.expressions = new ExpressionCheck(context, methods);
    }

    ExpressionCheck expressions() {
        return expressions;
    }

    void check(NamedNode step, ExchangeTypes types, Findings findings) {
        if (step instanceof OnExceptionDefinition onException) {
            // it runs for a failure anywhere in the route: nothing is known of the exchange
            if (onException.getOnWhen() != null) {
                predicate(onException, onException.getOnWhen().getExpression(), findings);
            }
            predicate(onException, onException.getHandled(), findings);
            predicate(onException, onException.getContinued(), findings);
            predicate(onException, onException.getRetryWhile(), findings);
        } else if (step instanceof WhenDefinition when && when.getExpression() != null) {
            expressions.check(step, when.getExpression(), true, types, findings);
        } else if (step instanceof ExpressionNode node && node.getExpression() != null) {
            boolean predicate = step instanceof FilterDefinition || step instanceof ValidateDefinition;
            expressions.check(step, node.getExpression(), predicate, types, findings);
        }
        if (step instanceof CatchDefinition doCatch && doCatch.getOnWhen() != null) {
            expressions.check(doCatch, doCatch.getOnWhen().getExpression(), true, types, findings);
        }
        if (step instanceof BeanDefinition bean) {
            expressions.checkCall(step, bean.getRef(), bean.getBeanType(), bean.getMethod(), types, findings);
        }
        if (step instanceof ThrowExceptionDefinition throwException) {
            throwsWhatItCanMake(throwException, findings);
            expressions.checkSimple(step, "message", throwException.getMessage(), types, findings);
        }
        if (step instanceof ToDynamicDefinition toD) {
            expressions.checkSimple(step, "uri", toD.getUri(), types, findings);
            beanEndpoint(step, toD.getUri(), types, findings);
        }
        if (step instanceof ToDefinition to) {
            beanEndpoint(step, to.getUri(), types, findings);
        }
        if (step instanceof LogDefinition log) {
            expressions.checkSimple(step, "message", log.getMessage(), types, findings);
        }
    }

    /** A {@code bean:name?method=m} endpoint (a step's uri, or the dead-letter channel's) names a method there is. */
    void beanEndpoint(NamedNode step, String uri, ExchangeTypes types, Findings findings) {
        if (uri == null || !uri.startsWith(BEAN_SCHEME) || uri.contains("{{") || uri.contains("${")) {
            return;
        }
        String path = uri.substring(BEAN_SCHEME.length());
        String name = path.contains("?") ? StringHelper.before(path, "?") : path;
        Object method;
        try {
            Map<String, Object> query = URISupport.parseQuery(path.contains("?") ? StringHelper.after(path, "?") : "");
            method = query.get("method");
        } catch (Exception e) {
            findings.at(step, "uri \"" + uri + "\": " + OneLine.of(e));
            return;
        }
        expressions.checkCall(step, name, null, method == null ? null : method.toString(), types, findings);
    }

    private void predicate(NamedNode step, ExpressionSubElementDefinition expression, Findings findings) {
        if (expression != null && expression.getExpressionType() != null) {
            expressions.check(step, expression.getExpressionType(), true, ExchangeTypes.UNKNOWN, findings);
        }
    }

    private void predicate(NamedNode step, org.apache.camel.model.language.ExpressionDefinition expression,
            Findings findings) {
        if (expression != null) {
            expressions.check(step, expression, true, ExchangeTypes.UNKNOWN, findings);
        }
    }

    /**
     * Camel makes the exception when the step runs: {@code type(String)} with a message, {@code type()} without
     * (ThrowExceptionProcessor). A type it cannot make that way fails the message with a different error, one the
     * error handling takes for transient: retried, never the failure the route meant.
     */
    private void throwsWhatItCanMake(ThrowExceptionDefinition step, Findings findings) {
        String name = step.getExceptionType();
        if (name == null || name.contains("{{")) {
            return; // a ref to an exception bean, or a placeholder reported on its own
        }
        Optional<Class<?>> type = methods.type(name);
        if (type.isEmpty()) {
            findings.at(step, "exceptionType " + name + " is not on the classpath");
        } else if (!Exception.class.isAssignableFrom(type.get())) {
            findings.at(step, "exceptionType " + name + " is not an Exception");
        } else if (Modifier.isAbstract(type.get().getModifiers())) {
            findings.at(step, "exceptionType " + name + " is abstract: it cannot be thrown as such");
        } else if (step.getMessage() != null && !hasPublicConstructor(type.get(), String.class)) {
            findings.at(step, "exceptionType " + name + " has no public constructor taking the message (String): "
                    + "at run time the step fails with \"Error creating new instance\" instead of throwing it");
        } else if (step.getMessage() == null && !hasPublicConstructor(type.get())) {
            findings.at(step, "exceptionType " + name + " has no public constructor without arguments (there is no "
                    + "message to give it)");
        }
    }

    private static boolean hasPublicConstructor(Class<?> type, Class<?>... parameters) {
        try {
            type.getConstructor(parameters);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
