package com.orderrouter.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.orderrouter.localstack.CountingProxy;
import com.orderrouter.localstack.LocalAwsStack;
import com.orderrouter.localstack.OrderEventsJson;
import com.orderrouter.localstack.ServiceProcess;
import com.orderrouter.localstack.StackProbe;
import com.orderrouter.testing.RouteFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The jar as a real process: its help, fail-fast configuration and graceful shutdown on SIGTERM. */
class ServiceProcessIT {

    private static final LocalAwsStack STACK = LocalAwsStack.shared();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private final StackProbe probe = new StackProbe(STACK);

    @Test
    void missingOrInvalidSettingsStopStartUpNamingTheVariable() throws Exception {
        try (ServiceProcess service = ServiceProcess.start(STACK, Map.of("QUEUE_URL", "", "CONCURRENT_CONSUMERS", "0"),
                Path.of("target/service-bad-config.log"))) {
            assertThat(service.waitForExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(String.join("\n", service.logLines()))
                    .contains("QUEUE_URL is not set")
                    .contains("CONCURRENT_CONSUMERS=0 is invalid: expected a whole number from 1 to 500");
        }
    }

    @Test
    void helpOptionPrintsTheUsageAndExits0WithoutStartingTheService() throws Exception {
        // a complete environment: were --help ignored, the service would start and keep running
        Map<String, String> env = Map.of("MANAGEMENT_PORT", String.valueOf(ServiceProcess.freePort()));
        try (ServiceProcess help = ServiceProcess.start(STACK, env, Path.of("target/service-help.log"), "--help")) {
            assertThat(help.waitForExit(Duration.ofSeconds(30))).isZero();
            assertThat(help.logLines()).first().isEqualTo("Usage: order-router [-hV] [COMMAND]");
            assertThat(help.logLines()).contains("Commands:").noneMatch(line -> line.contains("Apache Camel"));
        }
    }

    @Test
    void sigtermFinishesInFlightMessagesThenExits143AndARestartLosesNothing() throws Exception {
        await().atMost(PATIENCE).until(() -> probe.ordersQueueDepth() == 0);
        String batch = OrdersSqsToDynamodbIT.newOrderId();
        List<String> ids = IntStream.range(0, 500).mapToObj(i -> batch + "-" + i).toList();
        // messages received but not started before shutdown come back after this visibility timeout; it must also
        // cover a whole batch of 10 waiting its turn on a busy machine (the extender only covers the one in progress)
        int managementPort = ServiceProcess.freePort();
        Map<String, String> env = Map.of("VISIBILITY_TIMEOUT_SECONDS", "20",
                "MANAGEMENT_PORT", String.valueOf(managementPort));

        // The first run reaches DynamoDB through a proxy that lets 50 PutItems through and holds the later ones until
        // SIGTERM has been sent: the service stops with messages in flight however fast this machine is.
        try (CountingProxy dynamoDb = new CountingProxy(STACK.serviceEnvironment().get("AWS_ENDPOINT_URL_DYNAMODB"))) {
            InFlightHold hold = new InFlightHold(50);
            dynamoDb.beforeForward(hold::onRequest);
            Map<String, String> firstEnv = new HashMap<>(env);
            firstEnv.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint());
            try (ServiceProcess first = ServiceProcess.start(STACK, firstEnv, Path.of("target/service-sigterm-1.log"))) {
                sigtermThenRestart(first, hold, ids, batch, env, managementPort);
            } finally {
                hold.release();
            }
        }
    }

    /** Passes the first {@code passing} PutItems, then holds every later one until {@link #release()}. */
    private static final class InFlightHold {
        private final int passing;
        private final AtomicInteger puts = new AtomicInteger();
        private final AtomicInteger held = new AtomicInteger();
        private final CountDownLatch released = new CountDownLatch(1);

        InFlightHold(int passing) {
            this.passing = passing;
        }

        void onRequest(String operation, byte[] body) {
            if ("PutItem".equals(operation) && puts.incrementAndGet() > passing) {
                held.incrementAndGet();
                try {
                    released.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        int held() {
            return held.get();
        }

        void release() {
            released.countDown();
        }
    }

    private void sigtermThenRestart(ServiceProcess first, InFlightHold hold, List<String> ids, String batch,
            Map<String, String> env, int managementPort) throws Exception {
        probe.sendAll(ids.stream().map(id -> OrderEventsJson.created(id, "2026-11-27T10:00:00Z")).toList());
        await().atMost(PATIENCE).failFast("the service exited", () -> !first.isAlive())
                .until(() -> hold.held() > 0);
        assertThat(ServiceProcess.readiness(managementPort)).isEqualTo(200);
        first.terminate();
        // readiness turns DOWN as soon as shutdown begins, while the service still drains
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .failFast("the service exited before reporting DOWN", () -> !first.isAlive())
                .until(() -> ServiceProcess.readiness(managementPort) == 503);
        // DynamoDB answers again: the messages in flight finish during the drain
        int inFlight = hold.held();
        hold.release();
        int exitCode = first.waitForExit(Duration.ofSeconds(60));
        int storedBeforeRestart = (int) ids.stream().filter(id -> !probe.order(id).isEmpty()).count();

        try (ServiceProcess second = ServiceProcess.start(STACK, env, Path.of("target/service-sigterm-2.log"))) {
            await().atMost(PATIENCE).failFast("the service exited", () -> !second.isAlive())
                    .until(() -> probe.ordersQueueDepth() == 0
                    && ids.stream().allMatch(id -> !probe.order(id).isEmpty()));
            // Camel Main drains in its JVM shutdown hook; the JVM then exits with its status for SIGTERM, 128 + 15
            assertThat(exitCode).as("exit status after SIGTERM").isEqualTo(143);
            assertThat(storedBeforeRestart).as("the 50 let through and the %d in flight at SIGTERM, not all", inFlight)
                    .isBetween(50 + inFlight, 499);
            Map<String, Integer> total = new HashMap<>(first.outcomes(batch + "-"));
            second.outcomes(batch + "-").forEach((outcome, n) -> total.merge(outcome, n, Integer::sum));
            assertThat(total).as("every order stored exactly once, none redelivered after being processed")
                    .containsExactly(Map.entry("success", 500));
            assertThat(probe.deadLetterQueueDepth()).isZero();
            assertThat(String.join("\n", first.logLines())).doesNotContain("\"level\":\"ERROR\"");
        }
    }

    @Test
    void devModeReloadsAnEditedRouteWhileRunning(@TempDir Path routes) throws Exception {
        RouteFiles.copy(Path.of("routes"), routes);
        Map<String, String> env = Map.of("ROUTES_DIR", routes.toString(), "ROUTES_RELOAD", "true",
                "MANAGEMENT_PORT", String.valueOf(ServiceProcess.freePort()));
        try (ServiceProcess service = ServiceProcess.start(STACK, env, Path.of("target/service-reload.log"))) {
            await().atMost(PATIENCE).failFast("the service exited", () -> !service.isAlive())
                    .until(() -> String.join("\n", service.logLines()).contains("started in"));

            // an integration engineer edits the route while it runs
            Path route = routes.resolve("orders-sqs-to-dynamodb.camel.yaml");
            Files.writeString(route, Files.readString(route).replace("        greedy: true\n",
                    "        greedy: true\n        # edited while running\n        delay: 250\n"));

            await().atMost(PATIENCE).until(() -> String.join("\n", service.logLines())
                    .contains("Routes reloaded summary"));
            String id = OrdersSqsToDynamodbIT.newOrderId();
            probe.send(OrderEventsJson.created(id, "2026-11-27T10:00:00Z"));
            await().atMost(PATIENCE).until(() -> !probe.order(id).isEmpty());
            String log = String.join("\n", service.logLines());
            assertThat(log.indexOf("Routes reloaded summary")).as("reloaded after the edit, not at start-up")
                    .isGreaterThan(log.indexOf("started in"));
        }
    }
}
