package com.orderrouter.config;

import java.nio.file.Path;
import java.util.Map;

import com.orderrouter.testing.Environments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The platform's settings, whatever the routes declare: read with a routes folder that declares no variables. */
class SettingsTest {

    @TempDir
    Path routesDeclaringNone;

    private static Map<String, String> valid() {
        return Environments.validPlatform();
    }

    /** The properties start-up gives Camel; the routes' own variables are RouteVariablesTest's. */
    private Map<String, String> properties(Map<String, String> env) {
        return Settings.toProperties(env, RouteVariables.read(routesDeclaringNone));
    }

    @Test
    void validEnvironmentBecomesCamelPropertiesWithDefaults() {
        Map<String, String> properties = properties(valid());

        assertThat(properties)
                .containsEntry("orders.queue.url", "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-queue")
                .containsEntry("orders.queue.name", "orders-queue")
                .containsEntry("orders.dlq.name", "orders-queue-dlq")
                .containsEntry("orders.table", "orders")
                .containsEntry("orders.archive.bucket", "orders-dlq-archive-123456789012")
                .containsEntry("orders.alerts.topic-arn", "arn:aws:sns:eu-west-1:123456789012:orders-alerts")
                .containsEntry("aws.region", "eu-west-1")
                .containsEntry("orders.consumers", "10")
                .containsEntry("orders.log-level", "INFO")
                .containsEntry("orders.routes-dir", "routes");
    }

    @Test
    void aDeadLetterQueueThatIsTheOrdersQueueIsRefused() {
        Map<String, String> env = valid();
        env.put("DLQ_URL", env.get("QUEUE_URL"));

        assertThatThrownBy(() -> properties(env)).isInstanceOf(Settings.InvalidSettingsException.class)
                .hasMessageContaining("DLQ_URL=https://sqs.eu-west-1.amazonaws.com/123456789012/orders-queue is invalid: "
                        + "it is QUEUE_URL; the dead-letter queue must be another queue");
    }

    @Test
    void missingSettingsAreAllNamedAtOnce() {
        Map<String, String> env = valid();
        env.remove("QUEUE_URL");
        env.remove("TABLE_NAME");

        assertThatThrownBy(() -> properties(env))
                .isInstanceOf(Settings.InvalidSettingsException.class)
                .hasMessageContaining("QUEUE_URL is not set")
                .hasMessageContaining("TABLE_NAME is not set");
    }

    @Test
    void invalidValuesNameTheVariableAndWhatIsExpected() {
        Map<String, String> env = valid();
        env.put("CONCURRENT_CONSUMERS", "ten");
        env.put("QUEUE_URL", "orders-queue");
        env.put("AWS_ENDPOINT_URL_SQS", "localhost:9324");
        env.put("LOG_LEVEL", "LOUD");
        env.put("ALERTS_TOPIC", "orders-alerts");

        assertThatThrownBy(() -> properties(env))
                .hasMessageContaining("CONCURRENT_CONSUMERS=ten is invalid: expected a whole number from 1 to 500")
                .hasMessageContaining("QUEUE_URL=orders-queue is invalid: expected an http(s) URL")
                .hasMessageContaining("AWS_ENDPOINT_URL_SQS=localhost:9324 is invalid")
                .hasMessageContaining("LOG_LEVEL=LOUD is invalid")
                .hasMessageContaining("ALERTS_TOPIC=orders-alerts is invalid: expected a topic ARN");
    }

    @Test
    void queueUrlMustEndInTheQueueName() {
        Map<String, String> env = valid();
        env.put("DLQ_URL", "https://sqs.eu-west-1.amazonaws.com/");

        assertThatThrownBy(() -> properties(env)).hasMessageContaining("DLQ_URL=")
                .hasMessageContaining("ending in the queue name");
    }
}
