package com.orderrouter.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import com.orderrouter.cli.CliRun;
import com.orderrouter.config.Settings;
import com.orderrouter.testing.Environments;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CliConnectorFactory;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A route uses a new environment variable without a Java change: declared in environment.yaml beside the routes, it
 * is checked at start-up and reaches the route as the property it names.
 */
class RouteVariableTest {

    private static final String REFUNDS_QUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/refunds";

    @TempDir
    Path routes;

    @Test
    void aDeclaredVariableIsTheRoutesProperty() throws Exception {
        declareRefundsQueue();
        Map<String, String> env = platform();
        env.put("REFUNDS_QUEUE_URL", REFUNDS_QUEUE);

        try (CamelContext context = new DefaultCamelContext()) {
            // as run hands the environment to Camel Main: override properties
            Properties properties = new Properties();
            properties.putAll(Settings.toProperties(env));
            context.getPropertiesComponent().setOverrideProperties(properties);
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("refunds.camel.yaml", """
                    - route:
                        from:
                          uri: direct:refunds
                          steps:
                            - setBody:
                                constant: "{{orders.refunds.queue-url}}"
                    """));
            // a bare context would start camel-cli-connector, which writes under ~/.camel (the service's is off)
            context.getCamelContextExtension().getContextPlugin(CliConnectorFactory.class).setEnabled(false);
            context.start();

            assertThat(context.createProducerTemplate().requestBody("direct:refunds", "", String.class))
                    .isEqualTo(REFUNDS_QUEUE);
        }
    }

    @Test
    void runWithoutARequiredRouteVariableExits2NamingIt() throws IOException {
        declareRefundsQueue();

        CliRun run = CliRun.run(platform(), "run");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("order-router cannot start, fix these environment variables:\n"
                + "  - REFUNDS_QUEUE_URL is not set: queue refund events are forwarded to (declared in "
                + routes.resolve("environment.yaml") + ")\n");
    }

    @Test
    void runWithAMalformedDeclarationExits2NamingTheFileAndEntry() throws IOException {
        Files.writeString(routes.resolve("environment.yaml"), """
                variables:
                  - name: REFUNDS_QUEUE_URL
                    property: orders.refunds.queue-url
                    required: true
                    check: sqs-url
                    description: queue refund events are forwarded to
                """);

        CliRun run = CliRun.run(platform(), "run");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("order-router cannot start, fix " + routes.resolve("environment.yaml") + ":\n"
                + "  - " + routes.resolve("environment.yaml") + ":2: REFUNDS_QUEUE_URL: check sqs-url is unknown: "
                + "expected one of sqs-queue-url, http-url, integer, boolean, text\n");
    }

    private void declareRefundsQueue() throws IOException {
        Files.writeString(routes.resolve("environment.yaml"), Environments.REFUNDS_QUEUE_DECLARED);
    }

    private Map<String, String> platform() {
        Map<String, String> env = Environments.validPlatform();
        env.put("ROUTES_DIR", routes.toString());
        return env;
    }
}
