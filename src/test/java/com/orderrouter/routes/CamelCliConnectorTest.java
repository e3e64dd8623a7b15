package com.orderrouter.routes;

import java.nio.file.Path;
import java.time.Duration;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CliConnector;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * camel-cli-connector is on the classpath, and Camel starts it whenever it is: the service starts it only with
 * CAMEL_CLI_ENABLED=true (property orders.camel-cli.enabled), so in production nothing writes under ~/.camel. The
 * connector writes there (user.home), pointed at a temporary folder for these tests.
 */
class CamelCliConnectorTest extends OfflineRouteTest {

    @TempDir
    static Path homes;
    private static String userHome;

    @BeforeAll
    static void keepTheHome() {
        userHome = System.getProperty("user.home");
    }

    @AfterAll
    static void homeBack() {
        System.setProperty("user.home", userHome);
    }

    /** A home of its own for each context (the JVM's pid is the same for both), set before the context starts. */
    private static Path home(String name) {
        Path home = homes.resolve(name);
        System.setProperty("user.home", home.toString());
        return home;
    }

    @Nested
    class ByDefault {

        static Path home;

        @BeanInject
        CamelContext context;

        @BeforeAll
        static void homeInATemporaryFolder() {
            home = home("by-default");
        }

        @Test
        void theConnectorIsNotStartedAndWritesNothing() {
            assertThat(context.hasService(CliConnector.class)).isNull();
            assertThat(context.isBacklogTracingStandby()).isFalse();
            assertThat(home.resolve(".camel")).doesNotExist();
        }
    }

    @Nested
    @CamelMainTest(properties = "orders.camel-cli.enabled=true", useJmx = true)
    class WithCamelCliEnabled {

        static Path home;

        @BeanInject
        CamelContext context;

        @BeforeAll
        static void homeInATemporaryFolder() {
            home = home("enabled");
        }

        @Test
        void theConnectorWritesTheRoutesForCamelGetAndTheTracerStandsByForCamelTrace() {
            assertThat(context.hasService(CliConnector.class)).isNotNull();
            assertThat(context.isBacklogTracingStandby()).as("camel trace --action=start can switch it on").isTrue();
            Path status = home.resolve(".camel").resolve(ProcessHandle.current().pid() + "-status.json");
            // rewritten every second; the first one may be from before the routes started
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status).exists().content()
                    .contains("\"orders-sqs-to-dynamodb\"", "\"orders-dlq-to-s3-and-sns\"", "\"item-to-dynamodb\"",
                            "\"dead-letter-to-s3-and-sns\""));
        }
    }
}
