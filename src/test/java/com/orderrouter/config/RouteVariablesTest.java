package com.orderrouter.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.orderrouter.testing.Environments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The variables the routes declare in environment.yaml: checked with the platform's settings, or the file refused. */
class RouteVariablesTest {

    private static final String REFUNDS = """
            variables:
              - name: REFUNDS_QUEUE_URL
                property: orders.refunds.queue-url
                required: true
                check: sqs-queue-url
                description: queue refund events are forwarded to
              - name: REFUNDS_BATCH_SIZE
                property: orders.refunds.batch-size
                default: "10"
                check: integer
                min: 1
                max: 10
                description: refunds sent per batch
            """;

    @TempDir
    Path routes;

    @Test
    void declaredVariablesBecomeTheirPropertiesWithDefaultsApplied() throws IOException {
        declare(REFUNDS);
        Map<String, String> env = platform();
        env.put("REFUNDS_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/refunds");

        assertThat(Settings.toProperties(env))
                .containsEntry("orders.refunds.queue-url", "https://sqs.eu-west-1.amazonaws.com/123456789012/refunds")
                .containsEntry("orders.refunds.batch-size", "10")
                .containsEntry("orders.queue.url", env.get("QUEUE_URL"));
    }

    @Test
    void missingAndInvalidRouteVariablesAreNamedWithThePlatformsAtOnce() throws IOException {
        declare(REFUNDS);
        Map<String, String> env = platform();
        env.remove("TABLE_NAME");
        env.put("REFUNDS_BATCH_SIZE", "50");

        assertThatThrownBy(() -> Settings.toProperties(env))
                .isInstanceOf(Settings.InvalidSettingsException.class)
                .hasMessageContaining("TABLE_NAME is not set")
                .hasMessageContaining("REFUNDS_QUEUE_URL is not set: queue refund events are forwarded to (declared in "
                        + routes.resolve("environment.yaml") + ")")
                .hasMessageContaining("REFUNDS_BATCH_SIZE=50 is invalid: expected a whole number from 1 to 10");
    }

    @Test
    void withoutADeclarationTheRoutesReadNoVariablesOfTheirOwn() {
        assertThat(RouteVariables.read(routes).all()).isEmpty();
    }

    @Test
    void theProjectsDeclarationIsWellFormed() {
        assertThatCode(() -> RouteVariables.read(Path.of("routes"))).doesNotThrowAnyException();
    }

    @Test
    void aMalformedEntryIsRefusedNamingTheFileLineAndEntry() throws IOException {
        declare("""
                variables:
                  - name: REFUNDS_QUEUE_URL
                    property: orders.refunds.queue-url
                    requried: true
                    check: sqs-url
                  - name: QUEUE_URL
                    property: orders.other
                    default: x
                    check: text
                    description: the platform's
                  - name: REFUNDS_BATCH_SIZE
                    property: orders.table
                    default: "0"
                    check: integer
                    min: 1
                    max: 10
                    description: refunds sent per batch
                """);
        String file = routes.resolve("environment.yaml").toString();

        assertThatThrownBy(() -> RouteVariables.read(routes))
                .isInstanceOf(MalformedDeclarationException.class)
                .hasMessageStartingWith("order-router cannot start, fix " + file + ":")
                .hasMessageContaining(file + ":2: REFUNDS_QUEUE_URL: unknown key requried")
                .hasMessageContaining(file + ":2: REFUNDS_QUEUE_URL: description is missing")
                .hasMessageContaining(file + ":2: REFUNDS_QUEUE_URL: needs required: true or a default")
                .hasMessageContaining(file + ":2: REFUNDS_QUEUE_URL: check sqs-url is unknown: expected one of "
                        + "sqs-queue-url, http-url, integer, boolean, text")
                .hasMessageContaining(file + ":6: QUEUE_URL: is one of the platform's settings")
                .hasMessageContaining(file + ":11: REFUNDS_BATCH_SIZE: default 0 is invalid: expected a whole number "
                        + "from 1 to 10");
    }

    @Test
    void aPropertyTheEnvironmentAlreadySetsIsRefused() throws IOException {
        declare("""
                variables:
                  - name: ORDERS_TABLE
                    property: orders.table
                    required: true
                    check: text
                    description: the table
                  - name: REFUNDS_QUEUE_NAME
                    property: orders.refunds.queue
                    required: true
                    check: text
                    description: the queue
                  - name: REFUNDS_QUEUE
                    property: orders.refunds.queue
                    required: true
                    check: text
                    description: the queue again
                """);

        assertThatThrownBy(() -> RouteVariables.read(routes))
                .hasMessageContaining(":2: ORDERS_TABLE: property orders.table is already set by TABLE_NAME")
                .hasMessageContaining(":12: REFUNDS_QUEUE: property orders.refunds.queue is already set by "
                        + "REFUNDS_QUEUE_NAME");
    }

    @Test
    void aFileThatIsNotAListOfVariablesIsRefusedNamingTheLine() throws IOException {
        declare("variables:\n  - name: [\n");

        assertThatThrownBy(() -> RouteVariables.read(routes))
                .isInstanceOf(MalformedDeclarationException.class)
                .hasMessageContaining(routes.resolve("environment.yaml") + ":3: not valid YAML");

        declare("- name: REFUNDS_QUEUE_URL\n");

        assertThatThrownBy(() -> RouteVariables.read(routes))
                .hasMessageContaining(":1: expected one key, variables, holding a list of entries");
    }

    private void declare(String yaml) throws IOException {
        Files.writeString(routes.resolve("environment.yaml"), yaml);
    }

    private Map<String, String> platform() {
        Map<String, String> env = Environments.validPlatform();
        env.put("ROUTES_DIR", routes.toString());
        return env;
    }
}
