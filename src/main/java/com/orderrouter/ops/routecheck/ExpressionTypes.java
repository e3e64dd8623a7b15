package com.orderrouter.ops.routecheck;

import org.apache.camel.CamelContext;
import org.apache.camel.model.language.ConstantExpression;
import org.apache.camel.model.language.ExpressionDefinition;
import org.apache.camel.model.language.MethodCallExpression;
import org.apache.camel.model.language.SimpleExpression;

/**
 * The class of what an expression gives, where the route says: a bean method's declared return type, a simple
 * expression that is exactly one read ({@code ${exchangeProperty.deadLetter}}) has the class of what it reads, any
 * other simple text or a constant is a String. Anything else is not known (null).
 */
final class ExpressionTypes {

    private final CamelContext context;
    private final BeanMethods methods;

    ExpressionTypes(CamelContext context, BeanMethods methods) {
        this.context = context;
        this.methods = methods;
    }

    Class<?> of(ExpressionDefinition expression, ExchangeTypes types) {
        if (expression instanceof MethodCallExpression call) {
            return returned(call.getRef(), call.getBeanTypeName(), call.getMethod());
        }
        if (expression instanceof ConstantExpression) {
            return String.class;
        }
        if (expression instanceof SimpleExpression && expression.getExpression() != null) {
            String text = expression.getExpression().trim();
            var functions = SimpleFunctions.of(context, text);
            if (functions.isEmpty()) {
                return text.contains("${") ? null : String.class;
            }
            if (functions.size() == 1 && text.equals("${" + functions.get(0) + "}")) {
                return SimpleRead.of(functions.get(0), types, methods).filter(read -> read.type() != null)
                        .map(read -> OgnlChain.follow(methods, read.type(), read.chain()).type()).orElse(null);
            }
            return String.class;
        }
        return null;
    }

    /** The class a bean method returns, {@code void.class} for none, null when not known. */
    Class<?> returned(String ref, String beanType, String method) {
        if (method == null) {
            return null;
        }
        var type = ref != null ? methods.beanClass(ref) : beanType != null ? methods.type(beanType) : null;
        if (type == null || type.isEmpty() || !methods.has(type.get(), method)) {
            return null;
        }
        return methods.returnType(type.get(), method).orElse(null);
    }
}
