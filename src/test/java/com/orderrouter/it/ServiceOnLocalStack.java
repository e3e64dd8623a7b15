package com.orderrouter.it;

import java.time.Duration;

import com.orderrouter.OrderRouterMain;
import com.orderrouter.localstack.LocalAwsStack;
import com.orderrouter.localstack.ServiceProcess;
import com.orderrouter.localstack.StackProbe;
import com.orderrouter.testing.RouteFiles;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The service's Camel context (all routes in routes/) running against {@link LocalAwsStack} over the wire, one context
 * per test class. Waits use Awaitility on observable state, never fixed sleeps.
 */
@CamelMainTest(mainClass = OrderRouterMain.class,
        propertyPlaceholderLocations = { "classpath:application.properties", RouteFiles.TUNABLES },
        properties = {
        "orders.routes-dir=routes",
        "orders.consumers=10",
        "orders.visibility-timeout-seconds=30",
        // short polls, redelivery delays and backoff keep the tests fast; production uses 20 s, 200 ms and 30 s
        "orders.poll.wait-seconds=1",
        "orders.redelivery.delay-ms=20",
        "orders.backoff.base-seconds=1",
        "orders.backoff.max-seconds=2" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServiceOnLocalStack {

    static final LocalAwsStack STACK = LocalAwsStack.shared();
    static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Where this JVM's service answers /observe/health and /observe/metrics. */
    static final int MANAGEMENT_PORT = ServiceProcess.freePort();

    static {
        // the service reads its settings as Camel properties; system properties override the property files
        STACK.serviceProperties().forEach(System::setProperty);
        System.setProperty("camel.management.port", String.valueOf(MANAGEMENT_PORT));
    }

    @ReplaceInRegistry
    SqsClient sqsClient = STACK.newSqsClient(sqsInterceptors());
    @ReplaceInRegistry
    DynamoDbClient dynamoDbClient = STACK.newDynamoDbClient();
    @ReplaceInRegistry
    S3Client s3Client = STACK.newS3Client();
    @ReplaceInRegistry
    SnsClient snsClient = STACK.newSnsClient();
    @BeanInject("metricsRegistry")
    MeterRegistry meters;

    final StackProbe probe = new StackProbe(STACK);

    /** Interceptors on the service's SQS client; a test class that counts requests adds one. */
    ExecutionInterceptor[] sqsInterceptors() {
        return new ExecutionInterceptor[0];
    }

    double processed(String type, String outcome) {
        var counter = meters.find("orders.messages.processed").tags("type", type, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
