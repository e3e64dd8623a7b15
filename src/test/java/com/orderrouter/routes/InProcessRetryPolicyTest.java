package com.orderrouter.routes;

import com.orderrouter.routetest.OfflineSqs;
import com.orderrouter.routetest.OfflineAwsClients;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.orderrouter.OrderRouterMain;
import com.orderrouter.testing.RouteFiles;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.RedeliveryPolicyDefinition;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-process retry of a transient failure with the production settings: README promises 3 redeliveries, 200 ms
 * apart at first, doubling (200, 400, 800 ms). The context is {@link OfflineRouteTest}'s without its fast redelivery
 * settings, so routes/orders.properties' apply.
 */
@CamelMainTest(mainClass = OrderRouterMain.class,
        propertyPlaceholderLocations = { "classpath:application.properties", RouteFiles.TUNABLES,
                "classpath:route-test.properties" },
        replaceRouteFromWith = { "orders-sqs-to-dynamodb=direct:orders", "orders-dlq-to-s3-and-sns=direct:dlq" },
        mockEndpointsAndSkip = "aws2-*")
class InProcessRetryPolicyTest {

    /** Records the DLQ copies the service sends. */
    final OfflineSqs sqs = new OfflineSqs();
    @ReplaceInRegistry
    SqsClient sqsClient = sqs.client();
    @ReplaceInRegistry
    DynamoDbClient dynamoDbClient = OfflineAwsClients.dynamoDb();
    @ReplaceInRegistry
    S3Client s3Client = OfflineAwsClients.s3(new ConcurrentHashMap<>());
    @ReplaceInRegistry
    SnsClient snsClient = OfflineAwsClients.sns();

    private static final String CREATED = """
            {"type":"order_created","timestamp":"2026-11-27T10:00:00Z",
             "data":{"order_id":"o-1","customer_id":"cust-1","items":[{"sku":"A-1","qty":1}],"total":1}}""";

    @Produce("direct:orders")
    ProducerTemplate orders;
    @EndpointInject("mock:aws2-ddb:orders")
    MockEndpoint dynamodb;

    @Test
    void transientFailureIsTriedFourTimesWithDoublingDelaysFrom200Ms() throws Exception {
        List<Long> attempts = new CopyOnWriteArrayList<>();
        dynamodb.whenAnyExchangeReceived(e -> {
            attempts.add(System.nanoTime());
            throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
        });

        Exchange result = orders.send(exchange -> exchange.getMessage().setBody(CREATED));

        assertThat(result.isFailed()).as("left for a later receive, not handled").isTrue();
        assertThat(sqs.sent()).as("nothing sent to the DLQ").isEmpty();
        assertThat(attempts).as("the first try and 3 redeliveries").hasSize(4);
        // at least the configured delays (a loaded machine may add to them, never take away)
        for (int i = 1; i < attempts.size(); i++) {
            long delayMillis = (attempts.get(i) - attempts.get(i - 1)) / 1_000_000;
            assertThat(delayMillis).as("delay before redelivery %d", i).isGreaterThanOrEqualTo(200L << (i - 1));
        }
    }

    @Test
    void transientOnExceptionIsConfiguredWith3RedeliveriesFrom200MsDoubling() {
        CamelContext context = dynamodb.getCamelContext();
        OnExceptionDefinition transientFailures = ((ModelCamelContext) context)
                .getRouteConfigurationDefinition("orders-error-handling").getOnExceptions().stream()
                .filter(e -> e.getExceptions().equals(List.of("java.lang.Exception")) && e.getOnWhen() == null)
                .findFirst().orElseThrow();
        RedeliveryPolicyDefinition policy = transientFailures.getRedeliveryPolicyType();

        assertThat(context.resolvePropertyPlaceholders(policy.getMaximumRedeliveries())).isEqualTo("3");
        assertThat(context.resolvePropertyPlaceholders(policy.getRedeliveryDelay())).isEqualTo("200");
        assertThat(context.resolvePropertyPlaceholders(policy.getUseExponentialBackOff())).isEqualTo("true");
        assertThat(context.resolvePropertyPlaceholders(policy.getBackOffMultiplier())).isEqualTo("2");
    }
}
