package com.orderrouter.ops.routecheck;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.language.simple.SimpleExpressionParser;
import org.apache.camel.language.simple.ast.LiteralNode;
import org.apache.camel.language.simple.ast.SimpleFunctionStart;
import org.apache.camel.language.simple.ast.SimpleNode;

/**
 * The functions ({@code ${...}}) of a simple expression or predicate, as Camel's own simple parser tokenizes them:
 * {@code ${exchangeProperty.orderType} == 'order_created'} has one, {@code exchangeProperty.orderType}. A function
 * built from another ({@code ${header.${body}}}) is dynamic and left out; the inner one is kept.
 */
final class SimpleFunctions extends SimpleExpressionParser {

    private SimpleFunctions(CamelContext context, String text) {
        super(context, text, true, null);
    }

    /** @return the functions' texts, empty when the text does not parse (its compilation reports that) */
    static List<String> of(CamelContext context, String text) {
        List<String> functions = new ArrayList<>();
        try {
            new SimpleFunctions(context, text).parseTokens().forEach(node -> collect(node, functions));
        } catch (RuntimeException e) {
            return List.of();
        }
        return functions;
    }

    private static void collect(SimpleNode node, List<String> functions) {
        if (!(node instanceof SimpleFunctionStart function)) {
            return;
        }
        List<SimpleNode> parts = function.getBlock().getChildren();
        if (parts.stream().allMatch(part -> part instanceof LiteralNode)) {
            StringBuilder text = new StringBuilder();
            parts.forEach(part -> text.append(((LiteralNode) part).getText()));
            functions.add(text.toString().trim());
        } else {
            parts.forEach(part -> collect(part, functions));
        }
    }
}
