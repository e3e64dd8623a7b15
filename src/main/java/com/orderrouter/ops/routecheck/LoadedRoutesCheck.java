package com.orderrouter.ops.routecheck;

import java.nio.file.Path;
import java.util.List;

import com.orderrouter.dynamodb.ItemWrite;
import com.orderrouter.ingest.EventContracts;
import com.orderrouter.ops.RouteCheck.Problem;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.errorhandler.DeadLetterChannelDefinition;

/**
 * What validate-routes checks of routes Camel has loaded but not created: what would otherwise only fail at run time,
 * on the messages that reach it, or stop start-up at the first problem. Every problem is reported, one line each,
 * with the file and line of the step.
 * <ul>
 * <li>every {@code {{property}}} is set ({@link PlaceholderCheck});</li>
 * <li>every step, walked with what the steps before it say of the exchange ({@link RouteFlow}): its expressions
 * compile and read only methods and properties the body, property or header has there; the bean methods it calls
 * exist; the exception it throws can be made ({@link StepChecks}); a route consumes every {@code direct:} endpoint
 * a step sends to ({@link DirectEndpoints});</li>
 * <li>every decision on the event type takes each contract's type, and only those ({@link EventTypeBranches}); the
 * DynamoDB write each type's branch makes reads only fields its contract declares ({@link ItemWriteContracts});</li>
 * <li>every declared DynamoDB write compiles, as the service checks when it starts ({@link ItemWrite#check}).</li>
 * </ul>
 */
public final class LoadedRoutesCheck {

    private LoadedRoutesCheck() {
    }

    /**
     * @param context   the context the routes were loaded into, not initialised (no route created yet)
     * @param routesDir the folder checked (its contracts/ are the event types)
     */
    public static List<Problem> check(CamelContext context, Path routesDir, SourceLines lines) {
        ProblemList problems = new ProblemList(lines, routesDir);
        PlaceholderCheck.check(context, lines, problems);

        ModelCamelContext model = (ModelCamelContext) context;
        List<RouteDefinition> routes = model.getRouteDefinitions();
        BeanMethods methods = new BeanMethods(context);
        RouteFlow flow = new RouteFlow(context, methods);
        flow.walk(routes, problems);
        DirectEndpoints.check(routes, problems);
        for (RouteConfigurationDefinition configuration : model.getRouteConfigurationDefinitions()) {
            deadLetterChannel(configuration, flow.checks(), lines, problems);
        }

        EventContracts contracts = context.getRegistry().lookupByNameAndType("eventContracts", EventContracts.class);
        if (contracts != null) {
            ItemWriteContracts writes = new ItemWriteContracts(context,
                    new ContractFields(routesDir.resolve("contracts")), lines);
            new EventTypeBranches(context, contracts.types()).check(routes, problems)
                    .forEach(takenBy -> writes.check(takenBy, problems));
        }

        // as the service checks them when it starts (ItemWrites), each problem where its property is declared
        context.getRegistry().findByTypeWithName(ItemWrite.class).forEach((name, write) -> write.check()
                .forEach(problem -> problems.in(lines.beanProperty(name, propertyOf(problem))
                        .orElse(new SourceLines.Located(routesDir, 0)), "DynamoDB write " + name + ": " + problem)));
        return problems.sorted();
    }

    /** {@code [attributes, total]} of ItemWrite's {@code "attributes.total: ..."}. */
    private static String[] propertyOf(String problem) {
        int colon = problem.indexOf(": ");
        return colon < 0 ? new String[0] : problem.substring(0, colon).split("\\.");
    }

    /** Only the placeholders: what can be checked of routes whose beans did not load. */
    public static List<Problem> placeholders(CamelContext context, Path routesDir, SourceLines lines) {
        ProblemList problems = new ProblemList(lines, routesDir);
        PlaceholderCheck.check(context, lines, problems);
        return problems.sorted();
    }

    /** The dead-letter channel's {@code bean:} endpoint names a method its bean has. */
    private static void deadLetterChannel(RouteConfigurationDefinition configuration, StepChecks checks,
            SourceLines lines, ProblemList problems) {
        if (!(configuration.getErrorHandler() != null
                && configuration.getErrorHandler().getErrorHandlerType() instanceof DeadLetterChannelDefinition dlc)) {
            return;
        }
        SourceLines.Located place = lines.keyUnder("routeConfiguration", configuration.getId(), "deadLetterUri")
                .orElse(new SourceLines.Located(Path.of(String.valueOf(configuration.getId())), 0));
        Findings atPlace = new Findings() {
            @Override
            public void at(NamedNode step, String message) {
                problems.in(place, message);
            }

            @Override
            public void in(SourceLines.Located other, String message) {
                problems.in(other, message);
            }
        };
        checks.beanEndpoint(configuration, dlc.getDeadLetterUri(), ExchangeTypes.UNKNOWN, atPlace);
    }
}
