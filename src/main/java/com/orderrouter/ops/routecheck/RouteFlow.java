package com.orderrouter.ops.routecheck;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.CatchDefinition;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.FilterDefinition;
import org.apache.camel.model.LogDefinition;
import org.apache.camel.model.MarshalDefinition;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RemoveHeaderDefinition;
import org.apache.camel.model.RemoveHeadersDefinition;
import org.apache.camel.model.RemovePropertiesDefinition;
import org.apache.camel.model.RemovePropertyDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.SetBodyDefinition;
import org.apache.camel.model.SetHeaderDefinition;
import org.apache.camel.model.SetPropertyDefinition;
import org.apache.camel.model.SplitDefinition;
import org.apache.camel.model.StopDefinition;
import org.apache.camel.model.ThrowExceptionDefinition;
import org.apache.camel.model.TryDefinition;
import org.apache.camel.model.UnmarshalDefinition;
import org.apache.camel.model.WhenDefinition;
import org.apache.camel.model.dataformat.JsonDataFormat;

/**
 * Walks every route's steps in order, as a message goes through them, carrying what the steps say about the exchange
 * ({@link ExchangeTypes}): {@code unmarshal} with an {@code unmarshalType} types the body, {@code setProperty} from a
 * bean method types the property with the method's return type, a {@code to: direct:x} hands the types to route x.
 * Each step is checked with the types it sees ({@link StepChecks}); a choice's branches start from the same types and
 * meet again after it; an onException starts from nothing known.
 */
final class RouteFlow {

    private static final String DIRECT = "direct:";

    private final StepChecks checks;
    private final ExpressionTypes expressionTypes;
    private final BeanMethods methods;
    /** what each direct: endpoint's callers hand it, merged over the callers */
    private Map<String, ExchangeTypes> handed = new HashMap<>();
    private Map<String, ExchangeTypes> handedNow = new HashMap<>();
    private Findings findings = Findings.NONE;

    RouteFlow(CamelContext context, BeanMethods methods) {
        this.methods = methods;
        this.checks = new StepChecks(context, methods);
        this.expressionTypes = new ExpressionTypes(context, methods);
    }

    StepChecks checks() {
        return checks;
    }

    /**
     * Walks the routes until what they hand each other settles (a route called through two direct: hops needs two
     * walks), then once more reporting.
     */
    void walk(List<RouteDefinition> routes, Findings report) {
        for (int pass = 0; pass <= routes.size(); pass++) {
            walkAll(routes, Findings.NONE);
            boolean settled = handedNow.equals(handed);
            handed = handedNow;
            if (settled) {
                break;
            }
        }
        walkAll(routes, report);
    }

    private void walkAll(List<RouteDefinition> routes, Findings report) {
        findings = report;
        handedNow = new HashMap<>();
        for (RouteDefinition route : routes) {
            String from = route.getInput() == null ? null : endpoint(route.getInput().getUri());
            steps(route.getOutputs(), from == null ? ExchangeTypes.UNKNOWN
                    : handed.getOrDefault(from, ExchangeTypes.UNKNOWN));
        }
    }

    private ExchangeTypes steps(List<ProcessorDefinition<?>> steps, ExchangeTypes types) {
        ExchangeTypes at = types;
        for (ProcessorDefinition<?> step : steps) {
            at = step(step, at);
        }
        return at;
    }

    private ExchangeTypes step(ProcessorDefinition<?> step, ExchangeTypes in) {
        if (step instanceof OnExceptionDefinition onException) {
            checks.check(onException, ExchangeTypes.UNKNOWN, findings);
            steps(onException.getOutputs(), ExchangeTypes.UNKNOWN);
            return in; // a failure's path, apart from the message's
        }
        checks.check(step, in, findings);
        if (step instanceof ChoiceDefinition choice) {
            ExchangeTypes out = null;
            for (WhenDefinition when : choice.getWhenClauses()) {
                checks.check(when, in, findings);
                out = merge(out, steps(when.getOutputs(), in));
            }
            return merge(out, choice.getOtherwise() == null ? in : steps(choice.getOtherwise().getOutputs(), in));
        }
        if (step instanceof FilterDefinition filter) {
            return in.merge(steps(filter.getOutputs(), in));
        }
        if (step instanceof TryDefinition doTry) {
            ExchangeTypes out = steps(doTry.getOutputs(), in);
            for (CatchDefinition doCatch : doTry.getCatchClauses()) {
                checks.check(doCatch, in, findings);
                out = out.merge(steps(doCatch.getOutputs(), in));
            }
            return doTry.getFinallyClause() == null ? out : steps(doTry.getFinallyClause().getOutputs(), out);
        }
        if (step instanceof SetBodyDefinition setBody) {
            return in.withBody(expressionTypes.of(setBody.getExpression(), in));
        }
        if (step instanceof SetPropertyDefinition setProperty) {
            return in.withProperty(setProperty.getName(), expressionTypes.of(setProperty.getExpression(), in));
        }
        if (step instanceof SetHeaderDefinition setHeader) {
            return in.withHeader(setHeader.getName(), expressionTypes.of(setHeader.getExpression(), in));
        }
        if (step instanceof UnmarshalDefinition unmarshal) {
            return in.withBody(unmarshal.getDataFormatType() instanceof JsonDataFormat json ? jsonType(json) : null);
        }
        if (step instanceof MarshalDefinition) {
            return in.withBody(null);
        }
        if (step instanceof BeanDefinition bean) {
            // a bean method's result becomes the body; a void method leaves it as it was
            Class<?> returned = expressionTypes.returned(bean.getRef(), bean.getBeanType(), bean.getMethod());
            return returned == void.class ? in : in.withBody(returned);
        }
        if (step instanceof SendDefinition<?> send) {
            String endpoint = endpoint(send.getEndpointUri());
            if (endpoint != null && endpoint.startsWith(DIRECT)) {
                handedNow.merge(endpoint, in, ExchangeTypes::merge);
            }
            return in.newMessage();
        }
        if (step instanceof RemoveHeaderDefinition || step instanceof RemoveHeadersDefinition) {
            return new ExchangeTypes(in.body(), in.properties(), Map.of());
        }
        if (step instanceof RemovePropertyDefinition || step instanceof RemovePropertiesDefinition) {
            return new ExchangeTypes(in.body(), Map.of(), in.headers());
        }
        if (step instanceof StopDefinition || step instanceof LogDefinition
                || step instanceof ThrowExceptionDefinition) {
            return in;
        }
        if (step instanceof SplitDefinition split) {
            steps(split.getOutputs(), in.withBody(null)); // each part: its class is not known here
            return in;
        }
        // a step this walk does not model: its own steps are checked, and it may have replaced the message
        steps(step.getOutputs(), in);
        return in.newMessage();
    }

    private Class<?> jsonType(JsonDataFormat json) {
        if (json.getUnmarshalType() != null) {
            return json.getUnmarshalType();
        }
        return json.getUnmarshalTypeName() == null ? null : methods.type(json.getUnmarshalTypeName()).orElse(null);
    }

    private static ExchangeTypes merge(ExchangeTypes one, ExchangeTypes other) {
        return one == null ? other : one.merge(other);
    }

    /** {@code direct:x} of {@code direct:x?timeout=1}. */
    private static String endpoint(String uri) {
        if (uri == null) {
            return null;
        }
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
