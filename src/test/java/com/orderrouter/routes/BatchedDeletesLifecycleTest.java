package com.orderrouter.routes;

import com.orderrouter.ack.BatchedDeletes;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BatchedDeletes serves both routes and lives as long as the context: stopping one route (a live reload does) must not
 * stop the deletes of the other.
 */
class BatchedDeletesLifecycleTest extends OfflineRouteTest {

    @BeanInject
    CamelContext context;
    @BeanInject("batchedDeletes")
    BatchedDeletes batchedDeletes;

    @Test
    void stoppingOneRouteKeepsDeletingForTheOther() throws Exception {
        assertThat(batchedDeletes.isRunning()).isTrue();

        context.getRouteController().stopRoute("orders-dlq-to-s3-and-sns");
        assertThat(batchedDeletes.isRunning()).as("deletes still sent for orders-sqs-to-dynamodb").isTrue();

        context.getRouteController().startRoute("orders-dlq-to-s3-and-sns");
        assertThat(batchedDeletes.isRunning()).isTrue();
    }
}
