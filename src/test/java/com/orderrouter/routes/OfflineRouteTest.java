package com.orderrouter.routes;

import com.orderrouter.OrderRouterMain;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The service's Camel context for route tests: both routes consume from direct endpoints instead of SQS, every aws2-*
 * endpoint is mocked and skipped, and the AWS clients cannot reach a network ({@link OfflineAwsClients}).
 */
@CamelMainTest(mainClass = OrderRouterMain.class,
        propertyPlaceholderLocations = { "classpath:application.properties", "classpath:route-test.properties" },
        replaceRouteFromWith = { "orders-sqs-to-dynamodb=direct:orders", "orders-dlq-to-s3-and-sns=direct:dlq" },
        mockEndpointsAndSkip = "aws2-*")
abstract class OfflineRouteTest {

    @ReplaceInRegistry
    SqsClient sqsClient = OfflineAwsClients.sqs();
    @ReplaceInRegistry
    DynamoDbClient dynamoDbClient = OfflineAwsClients.dynamoDb();
    @ReplaceInRegistry
    S3Client s3Client = OfflineAwsClients.s3();
    @ReplaceInRegistry
    SnsClient snsClient = OfflineAwsClients.sns();
    @BeanInject("metricsRegistry")
    MeterRegistry meters;
}
