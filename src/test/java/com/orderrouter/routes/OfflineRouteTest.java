package com.orderrouter.routes;

import com.orderrouter.routetest.OfflineSqs;
import com.orderrouter.routetest.OfflineAwsClients;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.orderrouter.OrderRouterMain;
import com.orderrouter.config.RouteVariable;
import com.orderrouter.config.RouteVariables;
import com.orderrouter.testing.RouteFiles;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The service's Camel context for route tests: both routes consume from direct endpoints instead of SQS, every aws2-*
 * endpoint is mocked and skipped, and the AWS clients cannot reach a network ({@link OfflineAwsClients}); SQS is
 * {@link OfflineSqs}, which records the DLQ copies. The variables the routes folder declares (environment.yaml) stand
 * in with values their checks accept, as {@link com.orderrouter.routetest.OfflineService} gives them, so a route
 * that reads one starts whatever the folder declares. A subclass with a {@code @CamelMainTest} of its own keeps these
 * clients and changes the rest (its routes folder, real SQS consumers fed by {@link OfflineSqs#deliver}).
 */
@CamelMainTest(mainClass = OrderRouterMain.class,
        propertyPlaceholderLocations = { "classpath:application.properties", RouteFiles.TUNABLES,
                "classpath:route-test.properties",
                "classpath:route-test-fast-redelivery.properties" },
        replaceRouteFromWith = { "orders-sqs-to-dynamodb=direct:orders", "orders-dlq-to-s3-and-sns=direct:dlq" },
        mockEndpointsAndSkip = "aws2-*")
abstract class OfflineRouteTest {

    /** Records the DLQ copies the service sends. */
    final OfflineSqs sqs = new OfflineSqs();
    @ReplaceInRegistry
    SqsClient sqsClient = sqs.client();
    @ReplaceInRegistry
    DynamoDbClient dynamoDbClient = OfflineAwsClients.dynamoDb();
    /** Archive objects HeadObject finds: key to user metadata. */
    final Map<String, Map<String, String>> s3Objects = new ConcurrentHashMap<>();
    @ReplaceInRegistry
    S3Client s3Client = OfflineAwsClients.s3(s3Objects);
    @ReplaceInRegistry
    SnsClient snsClient = OfflineAwsClients.sns();
    @BeanInject("metricsRegistry")
    MeterRegistry meters;

    @Configure
    void standInForTheDeclaredVariables(MainConfigurationProperties configuration) {
        configuration.addConfiguration(DeclaredVariableStandIns.class);
    }

    /** A declared variable's property a test does not set itself is the variable's default, else a valid example. */
    public static final class DeclaredVariableStandIns implements CamelConfiguration {
        @Override
        public void configure(CamelContext context) {
            PropertiesComponent properties = context.getPropertiesComponent();
            RouteVariables declared = RouteVariables.read(Path.of(properties.resolveProperty("orders.routes-dir")
                    .orElseThrow(() -> new IllegalStateException("orders.routes-dir is not set"))));
            Map<String, String> standIns = declared.placeholderEnvironment();
            for (RouteVariable variable : declared.all()) {
                if (properties.resolveProperty(variable.property()).isEmpty()) {
                    properties.addOverrideProperty(variable.property(), standIns.get(variable.name()));
                }
            }
        }
    }
}
