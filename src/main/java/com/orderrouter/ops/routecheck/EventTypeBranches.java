package com.orderrouter.ops.routecheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.orderrouter.failure.ProcessingOutcomes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.WhenDefinition;
import org.apache.camel.reifier.language.ExpressionReifier;
import org.apache.camel.support.DefaultExchange;

/**
 * A dry run of the routes' decisions on the event type. {@code eventContracts.check} sets exchange property
 * {@value ProcessingOutcomes#TYPE} to the event's type, one of the contracts there are (the body is the event, whose
 * {@code type} a jq or jsonpath {@code when} reads); every choice whose {@code when}s
 * answer differently once that property is set is a decision on the type. Each contract's type is run through it, as
 * the choice runs (the first {@code when} that matches takes it):
 * <ul>
 * <li>a type no {@code when} takes: its events, valid ones, all go to {@code otherwise};</li>
 * <li>a {@code when} that takes no type: a type without a contract (a typo: {@code 'order_canceled'}) or one an earlier
 * {@code when} takes already.</li>
 * </ul>
 * Only {@code when}s in side-effect-free languages are run (no bean methods); a choice with another, or whose
 * predicates need more than the type to answer, is left alone.
 */
final class EventTypeBranches {

    private static final Set<String> DRY_RUNNABLE = Set.of("simple", "constant", "header", "exchangeProperty",
            "variable", "jq", "jsonpath");

    private final CamelContext context;
    private final Set<String> types;

    /** @param types the event types there are contracts for */
    EventTypeBranches(CamelContext context, Set<String> types) {
        this.context = context;
        this.types = types;
    }

    /** @return each type, for each decision on the type, with the when that takes it */
    List<Map<String, WhenDefinition>> check(List<RouteDefinition> routes, Findings findings) {
        List<Map<String, WhenDefinition>> decisions = new ArrayList<>();
        for (RouteDefinition route : routes) {
            ModelSteps.forEach(route.getOutputs(), step -> {
                if (step instanceof ChoiceDefinition choice) {
                    decide(choice, findings).ifPresent(decisions::add);
                }
            });
        }
        return decisions;
    }

    private Optional<Map<String, WhenDefinition>> decide(ChoiceDefinition choice, Findings findings) {
        List<WhenDefinition> whens = choice.getWhenClauses();
        List<Predicate> predicates = new ArrayList<>();
        for (WhenDefinition when : whens) {
            if (when.getExpression() == null || !DRY_RUNNABLE.contains(when.getExpression().getLanguage())) {
                return Optional.empty();
            }
            try {
                Predicate predicate = ExpressionReifier.reifier(context, when.getExpression()).createPredicate();
                predicate.initPredicate(context);
                predicates.add(predicate);
            } catch (RuntimeException e) {
                return Optional.empty(); // reported by the expression check
            }
        }
        Map<String, WhenDefinition> takenBy = new LinkedHashMap<>();
        boolean onType = false;
        try {
            List<Boolean> withoutType = answers(predicates, null);
            for (String type : types) {
                List<Boolean> answers = answers(predicates, type);
                onType |= !answers.equals(withoutType);
                int first = answers.indexOf(true);
                if (first >= 0) {
                    takenBy.put(type, whens.get(first));
                }
            }
        } catch (RuntimeException e) {
            return Optional.empty(); // it needs more than the type to answer
        }
        if (!onType) {
            return Optional.empty();
        }
        for (String type : types) {
            if (!takenBy.containsKey(type)) {
                findings.at(choice, "no when takes event type " + type + " (contracts/" + type + ".schema.json): "
                        + "its events go to " + (choice.getOtherwise() == null ? "no branch" : "otherwise"));
            }
        }
        for (WhenDefinition when : whens) {
            if (!takenBy.containsValue(when)) {
                findings.at(when, "this when takes no event type there is a contract for: "
                        + when.getExpression().getLanguage() + " \"" + when.getExpression().getExpression()
                        + "\" (contracts: " + String.join(", ", types) + ")");
            }
        }
        return Optional.of(takenBy);
    }

    private List<Boolean> answers(List<Predicate> predicates, String type) {
        List<Boolean> answers = new ArrayList<>();
        for (Predicate predicate : predicates) {
            Exchange exchange = new DefaultExchange(context);
            // the type both ways a when may read it: the property, and the event's "type" (jq, jsonpath)
            ObjectNode event = JsonNodeFactory.instance.objectNode();
            if (type != null) {
                exchange.setProperty(ProcessingOutcomes.TYPE, type);
                event.put("type", type);
            }
            exchange.getMessage().setBody(event);
            answers.add(predicate.matches(exchange));
        }
        return answers;
    }
}
