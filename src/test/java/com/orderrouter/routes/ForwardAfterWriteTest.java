package com.orderrouter.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderrouter.OrderRouterMain;
import com.orderrouter.testing.FixedRoutes;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's side-effect pattern, as an engineer adds it: the routes with the forward of refunded updates
 * (src/test/resources/route-examples/forward-refunds.yaml) after the write, in the fixed routes ({@link FixedRoutes}),
 * so what a route author changes in routes/ does not change this. It forwards at least once, also when the write finds
 * the update already stored, and only what the route chose.
 */
@CamelMainTest(mainClass = OrderRouterMain.class,
        propertyPlaceholderLocations = { "classpath:application.properties",
                "file:" + ForwardAfterWriteTest.ROUTES + "/orders.properties",
                "classpath:route-test.properties",
                "classpath:route-test-fast-redelivery.properties" },
        properties = { "orders.routes-dir=" + ForwardAfterWriteTest.ROUTES },
        replaceRouteFromWith = { "orders-sqs-to-dynamodb=direct:orders", "orders-dlq-to-s3-and-sns=direct:dlq" },
        mockEndpointsAndSkip = "aws2-*")
class ForwardAfterWriteTest extends OfflineRouteTest {

    static final String ROUTES = "target/fixed-routes/forward-after-write";
    private static final String REFUNDED = """
            {"type":"order_updated","timestamp":"2026-12-01T10:00:00Z","data":{"order_id":"o-7","status":"refunded"}}""";

    static {
        try {
            FixedRoutes.copy(Path.of(ROUTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Produce("direct:orders")
    ProducerTemplate orders;
    @EndpointInject("mock:aws2-ddb:orders")
    MockEndpoint dynamodb;
    @EndpointInject("mock:aws2-sqs:refunds-queue")
    MockEndpoint refunds;

    @Test
    void aStoredRefundIsForwardedWithOnlyTheHeadersTheRouteChose() throws Exception {
        refunds.expectedMessageCount(1);

        Exchange result = orders.send(received(REFUNDED));

        assertThat(result.isFailed()).isFalse();
        refunds.assertIsSatisfied();
        Exchange forwarded = refunds.getReceivedExchanges().get(0);
        assertThat(new ObjectMapper().readTree(forwarded.getMessage().getBody(String.class)))
                .isEqualTo(new ObjectMapper().readTree(REFUNDED));
        assertThat(forwarded.getMessage().getHeaders().keySet()).filteredOn(name -> !name.startsWith("Camel"))
                .containsExactly("order-id");
        assertThat(forwarded.getMessage().getHeader("order-id")).isEqualTo("o-7");
    }

    @Test
    void aRefundTheWriteFindsAlreadyStoredIsForwardedAgain() throws Exception {
        // the update was stored by an earlier receive whose forward failed: its condition fails, the read finds it
        dynamodb.whenExchangeReceived(1, e -> {
            throw ConditionalCheckFailedException.builder().message("not older").build();
        });
        dynamodb.whenExchangeReceived(2, e -> e.getMessage().setHeader("CamelAwsDdbAttributes",
                Map.of("updated_at", AttributeValue.fromS("2026-12-01T10:00:00.000000Z"))));
        refunds.expectedMessageCount(1);

        Exchange result = orders.send(received(REFUNDED));

        assertThat(result.isFailed()).isFalse();
        refunds.assertIsSatisfied();
        assertThat(meters.counter("orders.messages.processed", "type", "order_updated", "outcome", "stale").count())
                .isEqualTo(1);
    }

    @Test
    void aFailedForwardFailsTheMessageSoItIsNotDeletedBeforeItIsForwarded() throws Exception {
        refunds.whenAnyExchangeReceived(e -> {
            throw SdkClientException.create("refunds queue unreachable");
        });

        Exchange result = orders.send(received(REFUNDED));

        assertThat(result.isFailed()).as("left on the queue for a later receive").isTrue();
        int redeliveries = Integer.parseInt(orders.getCamelContext().resolvePropertyPlaceholders(
                "{{orders.redelivery.max}}"));
        assertThat(refunds.getReceivedCounter()).as("first try and the in-process retries (orders.redelivery.max)")
                .isEqualTo(1 + redeliveries);
        assertThat(dynamodb.getReceivedCounter()).as("the write is not repeated in-process").isEqualTo(1);
    }

    @Test
    void otherUpdatesAreNotForwarded() throws Exception {
        refunds.expectedMessageCount(0);

        orders.send(received(REFUNDED.replace("refunded", "shipped")));

        refunds.assertIsSatisfied();
    }

    /** As the consumer gives it: with SQS system attributes, which a forward must not copy. */
    private Exchange received(String body) {
        Exchange exchange = orders.getCamelContext().getEndpoint("direct:orders").createExchange();
        exchange.getMessage().setBody(body);
        Map<MessageSystemAttributeName, String> system = Map.of(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                "2", MessageSystemAttributeName.SENT_TIMESTAMP, "1764583200000", MessageSystemAttributeName.SENDER_ID,
                "AIDAEXAMPLE");
        exchange.getMessage().setHeader("CamelAwsSqsAttributes", system);
        system.forEach((name, value) -> exchange.getMessage().setHeader(name.toString(), value));
        return exchange;
    }
}
