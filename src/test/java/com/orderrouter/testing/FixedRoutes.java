package com.orderrouter.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import com.orderrouter.config.RouteTunables;
import com.orderrouter.config.RouteVariables;

/**
 * A routes folder for tests of what the platform does whatever the routes declare: what a route author decides is
 * fixed (src/test/resources/fixed-routes), what the platform ships is the project's own. So an engineer's change to
 * routes/ (a type, a stored field, a rule, a forward, the alert) changes none of these tests' expectations; what the
 * shipped routes decide is tested in routes/tests/.
 *
 * <ul>
 * <li>fixed: the contracts, the orders route (its writes and branches) with README's forward of refunds after the
 * write (src/test/resources/route-examples/forward-refunds.yaml), the variable the forward reads
 * ({@link Environments#REFUNDS_QUEUE_DECLARED}), the alert's subject and text, and a few route tests;</li>
 * <li>the project's: the route files of {@link #PLATFORM_ROUTES} (error handling, the write, the dead-letter routes)
 * and the other tunables of routes/orders.properties.</li>
 * </ul>
 */
public final class FixedRoutes {

    public static final Path FIXTURE = Path.of("src/test/resources/fixed-routes");
    /** The fixed contracts, for a test of the contracts alone. */
    public static final Path CONTRACTS = FIXTURE.resolve("contracts");
    public static final String ORDERS_ROUTE = "orders-sqs-to-dynamodb.camel.yaml";
    /** The platform's route files, copied from routes/. */
    public static final List<String> PLATFORM_ROUTES = List.of("orders-error-handling.camel.yaml",
            "item-to-dynamodb.camel.yaml", "orders-dlq-to-s3-and-sns.camel.yaml",
            "dead-letter-to-s3-and-sns.camel.yaml");
    private static final Path PROJECT_ROUTES = Path.of("routes");
    private static final Path FORWARD = Path.of("src/test/resources/route-examples/forward-refunds.yaml");
    /** Where README puts a side effect: after the choice, before the outcome is counted. */
    private static final String AFTER_THE_WRITE = "        # Counted and logged";

    private FixedRoutes() {
    }

    /** Writes the fixed routes folder into {@code to} (created); any folder there before is replaced. */
    public static Path copy(Path to) throws IOException {
        RouteFiles.delete(to);
        Files.createDirectories(to);
        for (String route : PLATFORM_ROUTES) {
            Files.copy(PROJECT_ROUTES.resolve(route), to.resolve(route));
        }
        Path tunables = Files.copy(PROJECT_ROUTES.resolve(RouteTunables.FILE_NAME),
                to.resolve(RouteTunables.FILE_NAME));
        // later lines win: the fixed alert over the project's
        Files.writeString(tunables, "\n" + Files.readString(FIXTURE.resolve("orders-alert.properties")),
                StandardOpenOption.APPEND);
        RouteFiles.copy(CONTRACTS, to.resolve("contracts"));
        RouteFiles.copy(FIXTURE.resolve("tests"), to.resolve("tests"));
        String orders = Files.readString(FIXTURE.resolve(ORDERS_ROUTE));
        if (orders.indexOf(AFTER_THE_WRITE) < 0 || orders.indexOf(AFTER_THE_WRITE) != orders.lastIndexOf(
                AFTER_THE_WRITE)) {
            throw new IllegalStateException(FIXTURE.resolve(ORDERS_ROUTE) + " has no single '"
                    + AFTER_THE_WRITE.trim() + "' to put the forward before");
        }
        Files.writeString(to.resolve(ORDERS_ROUTE), orders.replace(AFTER_THE_WRITE, Files.readString(FORWARD)
                + AFTER_THE_WRITE));
        Files.writeString(to.resolve(RouteVariables.FILE_NAME), Environments.REFUNDS_QUEUE_DECLARED);
        return to;
    }
}
