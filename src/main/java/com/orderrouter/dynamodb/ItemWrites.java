package com.orderrouter.dynamodb;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.StartupListener;
import org.apache.camel.component.aws2.ddb.Ddb2Constants;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The service's side of the declared DynamoDB writes: every {@link ItemWrite} the route files declare is checked when
 * the service starts, and a failed update-if-newer condition is told apart as stale or not created yet.
 */
public class ItemWrites implements StartupListener {

    /** A route file's mistake in a write stops start-up, before any route consumes. */
    @Override
    public void onCamelContextStarting(CamelContext context, boolean alreadyStarted) {
        if (!alreadyStarted) {
            checkAll(context);
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // checked while starting
    }

    /**
     * Compiles every {@link ItemWrite} in the registry.
     *
     * @throws IllegalStateException naming each write and each problem, one a line
     */
    public void checkAll(CamelContext context) {
        List<String> problems = new ArrayList<>();
        context.getRegistry().findByTypeWithName(ItemWrite.class).forEach((name, write) -> write.check()
                .forEach(problem -> problems.add("DynamoDB write " + name + ": " + problem)));
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("\n", problems));
        }
    }

    /**
     * After an update-if-newer's failed condition, with the item read back ({@code CamelAwsDdbAttributes}): stored state
     * at least as new as the update makes it stale (a no-op). No item, or an older one (its create was stored between
     * the update and this read), means the update has not been applied: it is retried.
     */
    @SuppressWarnings("unchecked")
    public void confirmStale(Exchange exchange) {
        ItemWrite.Prepared write = exchange.getProperty(ItemWrite.PREPARED, ItemWrite.Prepared.class);
        Map<String, AttributeValue> item = exchange.getMessage().getHeader(Ddb2Constants.ATTRIBUTES, Map.class);
        if (item == null || item.isEmpty()) {
            throw ItemNotYetCreatedException.missing(write.item());
        }
        AttributeValue stored = item.get(write.newerBy());
        if (stored == null || compare(stored, write.newerValue()) < 0) {
            throw ItemNotYetCreatedException.createdMeanwhile(write.item());
        }
    }

    /** DynamoDB's order: numbers by value, strings by their characters. */
    private static int compare(AttributeValue stored, AttributeValue update) {
        if (stored.n() != null && update.n() != null) {
            return new BigDecimal(stored.n()).compareTo(new BigDecimal(update.n()));
        }
        if (stored.s() != null && update.s() != null) {
            return stored.s().compareTo(update.s());
        }
        return -1;
    }
}
