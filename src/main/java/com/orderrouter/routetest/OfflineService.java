package com.orderrouter.routetest;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.orderrouter.OrderRouterMain;
import com.orderrouter.config.RouteTunables;
import com.orderrouter.config.RouteVariables;
import com.orderrouter.config.Settings;
import com.orderrouter.config.StandInDeployment;
import com.orderrouter.dynamodb.ItemWrite;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.InterceptSendToMockEndpointStrategy;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.Registry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The service's own routes and beans in one Camel context that reaches no network, for route tests: the orders route
 * consumes from {@value #ORDERS} and the DLQ route from {@value #DEAD_LETTERS} (AdviceWith), DynamoDB is an
 * {@link InMemoryTable} called by the real aws2-ddb producer, SQS is {@link OfflineSqs} (it records the DLQ copies),
 * and every aws2-s3, aws2-sns and aws2-sqs endpoint a route sends to is a mock that skips the call. The settings a
 * deployment gives (queue URLs, table, bucket, topic) and the variables the routes declare in environment.yaml stand
 * in with values their checks accept; the tunables are the folder's own orders.properties, except that in-process
 * redeliveries do not wait.
 */
public final class OfflineService implements AutoCloseable {

    public static final String ORDERS = "direct:orders";
    public static final String DEAD_LETTERS = "direct:dead-letters";

    private final Main main = new Main(OrderRouterMain.class);
    private final OfflineSqs sqs = new OfflineSqs();
    private final Map<String, Map<String, String>> s3Objects = new ConcurrentHashMap<>();
    private final InMemoryTable table = new InMemoryTable(() -> keyNames(main.getCamelContext()));
    private ProducerTemplate producer;
    private Endpoint ordersQueue;

    private OfflineService() {
    }

    /**
     * Starts the routes of {@code routesDir} offline.
     *
     * @throws Exception when the routes do not start (validate-routes names the problem)
     */
    public static OfflineService start(Path routesDir) throws Exception {
        OfflineService service = new OfflineService();
        service.startRoutes(routesDir.toAbsolutePath());
        return service;
    }

    private void startRoutes(Path routes) throws Exception {
        RouteVariables variables = RouteVariables.read(routes);
        Map<String, String> environment = new HashMap<>(StandInDeployment.environment());
        environment.putAll(variables.placeholderEnvironment());
        main.setPropertyPlaceholderLocations(RouteTunables.placeholderLocations(routes));
        Settings.toProperties(environment, variables).forEach(main::addOverrideProperty);
        main.addOverrideProperty("orders.routes-dir", routes.toString());
        main.addOverrideProperty("camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml");
        main.addOverrideProperty("camel.main.routes-reload-enabled", "false");
        main.addOverrideProperty("camel.management.enabled", "false");
        main.addOverrideProperty("camel.main.shutdown-timeout", "5");
        // a test waits for no in-process redelivery; how many there are is the routes' own setting
        main.addOverrideProperty("orders.redelivery.delay-ms", "1");
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                offline(configured.getCamelContext());
            }
        });
        main.start();
        producer = main.getCamelContext().createProducerTemplate();
    }

    /** Runs after the service's beans are bound and its routes are read, before any route is created. */
    private void offline(CamelContext context) {
        context.getCamelContextExtension().registerEndpointCallback(
                new InterceptSendToMockEndpointStrategy("aws2-(s3|sns|sqs):.*", true));
        try {
            AdviceWith.adviceWith(context, "orders-sqs-to-dynamodb", route -> route.replaceFromWith(ORDERS));
            AdviceWith.adviceWith(context, "orders-dlq-to-s3-and-sns", route -> route.replaceFromWith(DEAD_LETTERS));
        } catch (Exception e) {
            throw new IllegalStateException("the service's two SQS routes (orders-sqs-to-dynamodb, "
                    + "orders-dlq-to-s3-and-sns) could not be advised: " + e.getMessage(), e);
        }
        Registry registry = context.getRegistry();
        replace(registry, "dynamoDbClient", DynamoDbClient.class, table.client());
        replace(registry, "sqsClient", SqsClient.class, sqs.client());
        replace(registry, "s3Client", S3Client.class, OfflineAwsClients.s3(s3Objects));
        replace(registry, "snsClient", SnsClient.class, OfflineAwsClients.sns());
    }

    /** The registry keeps a bean per name and class: the service's client goes, so no lookup can find it. */
    private static <T> void replace(Registry registry, String name, Class<T> type, T bean) {
        registry.unbind(name);
        registry.bind(name, type, bean);
    }

    /** The key attributes every declared write names (the table's partition and sort key). */
    private static Set<String> keyNames(CamelContext context) {
        Set<String> names = new LinkedHashSet<>();
        context.getRegistry().findByType(ItemWrite.class).forEach(write -> names.addAll(write.getKey().keySet()));
        return names;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public InMemoryTable table() {
        return table;
    }

    public OfflineSqs sqs() {
        return sqs;
    }

    /**
     * An exchange as the orders queue's consumer creates it: from an aws2-sqs endpoint of the orders queue's URL
     * (never started: it only says where the message came from, as the dead letter's source_queue).
     */
    public Exchange ordersQueueExchange() throws Exception {
        if (ordersQueue == null) {
            ordersQueue = context().getComponent("aws2-sqs").createEndpoint(context().resolvePropertyPlaceholders(
                    "aws2-sqs:{{orders.queue.name}}?queueUrl={{orders.queue.url}}&autoCreateQueue=false"));
        }
        return ordersQueue.createExchange();
    }

    public MeterRegistry meters() {
        return context().getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
    }

    /** The mocks of the endpoints routes sent to, by URI without parameters, e.g. {@code aws2-sns:arn:...}. */
    public List<MockEndpoint> mocks() {
        return context().getEndpoints().stream().filter(MockEndpoint.class::isInstance).map(MockEndpoint.class::cast)
                .toList();
    }

    /** Forgets the previous test: the table emptied and reachable, no DLQ copies, no archive objects, mocks reset. */
    public void reset() {
        table.reset();
        sqs.clear();
        s3Objects.clear();
        MockEndpoint.resetMocks(context());
    }

    public Exchange send(String endpoint, Exchange exchange) {
        return producer.send(endpoint, exchange);
    }

    @Override
    public void close() {
        main.stop();
    }
}
