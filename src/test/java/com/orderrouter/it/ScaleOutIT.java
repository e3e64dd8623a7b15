package com.orderrouter.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.orderrouter.localstack.LocalAwsStack;
import com.orderrouter.localstack.OrderEventsJson;
import com.orderrouter.localstack.ServiceProcess;
import com.orderrouter.localstack.StackProbe;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scale-out and crash behaviour of the real jar: several service processes as competing consumers on one standard
 * queue, and a SIGKILL while messages are in flight. Every wait is bounded and every process is stopped in a
 * {@code finally}, so nothing is left running when a test fails.
 */
class ScaleOutIT {

    private static final LocalAwsStack STACK = LocalAwsStack.shared();
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String CREATED_AT = "2026-11-27T10:00:00Z";
    private static final int SCALE_ORDERS = 10_000;
    private static final int CRASH_ORDERS = 2_000;

    private final StackProbe probe = new StackProbe(STACK);

    @Test
    void threeInstancesOnOneQueueStoreEveryOrderExactlyOnce() throws Exception {
        await().atMost(PATIENCE).until(() -> probe.ordersQueueDepth() == 0);

        Run three = storeWith(3, SCALE_ORDERS, "scale3");
        Run one = storeWith(1, SCALE_ORDERS, "scale1");

        // On a 2-core machine the three JVMs (plus ElasticMQ, dynalite and this test) compete for the same two
        // cores, so this ratio says little about real scale-out: in AWS each task has its own CPU and throughput is
        // bounded by SQS and DynamoDB (and the number of consumers), not by this host. Each of the three JVMs also
        // JIT-compiles from cold on a third of the messages, and the three-instance run goes first, so it pays for
        // warming up ElasticMQ and dynalite (one single-threaded Node process serving every write).
        System.out.printf("3-instance vs 1-instance throughput: %.0f msgs/s vs %.0f msgs/s, ratio %.2f%n",
                three.perSecond(), one.perSecond(), three.perSecond() / one.perSecond());
    }

    @Test
    void killNineWhileTwoThousandAreInFlightLosesNothing() throws Exception {
        await().atMost(PATIENCE).until(() -> probe.ordersQueueDepth() == 0);
        String prefix = "crash-" + OrdersSqsToDynamodbIT.newOrderId() + "-";
        List<String> ids = ids(prefix, CRASH_ORDERS);
        // a short visibility timeout: what the killed process held comes back after 10 s, not 300 s
        Map<String, String> env = Map.of("VISIBILITY_TIMEOUT_SECONDS", "10", "CONCURRENT_CONSUMERS", "10");

        ServiceProcess first = start(env, "target/service-scale-kill-1.log");
        int successesAtKill;
        int exitCode;
        try {
            sendCreates(ids);
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                    .failFast("the service exited", () -> !first.isAlive())
                    .until(() -> first.outcomes(prefix).getOrDefault("success", 0) >= 200);
            ProcessHandle.of(first.pid()).ifPresent(ProcessHandle::destroyForcibly);
            exitCode = first.waitForExit(Duration.ofSeconds(30));
            successesAtKill = first.outcomes(prefix).getOrDefault("success", 0);
        } finally {
            first.close();
        }
        assertThat(exitCode).as("exit status after SIGKILL (128 + 9)").isEqualTo(137);
        assertThat(successesAtKill).as("killed while orders were still in flight").isBetween(200, CRASH_ORDERS - 1);
        int storedBeforeKill = probe.storedOrders(prefix, null);

        Map<String, Integer> restart;
        try (ServiceProcess second = start(env, "target/service-scale-kill-2.log")) {
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                    .failFast("the service exited", () -> !second.isAlive())
                    .until(() -> probe.ordersQueueDepth() == 0 && probe.storedOrders(prefix, null) == CRASH_ORDERS);
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.deadLetterQueueDepth() == 0);
            restart = second.outcomes(prefix);
        }
        int duplicates = restart.getOrDefault("duplicate", 0);
        System.out.printf("kill -9: %d of %d stored before the kill (%d success lines logged), the restart stored %d "
                + "and saw %d as duplicate (processed but not deleted before the kill)%n", storedBeforeKill,
                CRASH_ORDERS, successesAtKill, restart.getOrDefault("success", 0), duplicates);

        assertThat(probe.storedOrders(prefix, null)).as("every order stored exactly once").isEqualTo(CRASH_ORDERS);
        assertThat(restart).as("the restart stored exactly what was missing; nothing poison or retried")
                .containsOnlyKeys(duplicates > 0 ? List.of("success", "duplicate") : List.of("success"))
                .containsEntry("success", CRASH_ORDERS - storedBeforeKill);
        assertThat(duplicates).isLessThanOrEqualTo(storedBeforeKill);
        assertThat(first.outcomes(prefix)).doesNotContainKeys("poison", "retry");
        assertNoDeadLetters(prefix);
    }

    /**
     * Starts {@code instances} processes, sends {@code count} creates and waits until all are processed and the queue is
     * empty; checks the table holds each exactly once and nothing was dead-lettered.
     */
    private Run storeWith(int instances, int count, String name) throws Exception {
        String prefix = name + "-" + OrdersSqsToDynamodbIT.newOrderId() + "-";
        List<String> ids = ids(prefix, count);
        List<ServiceProcess> services = new ArrayList<>();
        Map<String, Integer> outcomes = new HashMap<>();
        long nanos;
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 1; i <= instances; i++) {
                int port = ServiceProcess.freePort();
                ports.add(port);
                services.add(start(Map.of("CONCURRENT_CONSUMERS", "10", "MANAGEMENT_PORT", String.valueOf(port)),
                        "target/service-" + name + "-" + i + ".log"));
            }
            await().atMost(PATIENCE).failFast("a service exited", () -> services.stream().anyMatch(s -> !s.isAlive()))
                    .until(() -> ports.stream().allMatch(port -> ServiceProcess.readiness(port) == 200));

            long start = System.nanoTime();
            sendCreates(ids);
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                    .failFast("a service exited", () -> services.stream().anyMatch(s -> !s.isAlive()))
                    // the queue depth first: one cheap call; the logs (megabytes of JSON) are parsed only once it is 0
                    .until(() -> probe.ordersQueueDepth() == 0 && handled(services, prefix) >= count);
            nanos = System.nanoTime() - start;
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.deadLetterQueueDepth() == 0);
            services.forEach(s -> s.outcomes(prefix).forEach((outcome, n) -> outcomes.merge(outcome, n, Integer::sum)));
        } finally {
            stopAll(services);
        }
        Run run = new Run(instances, count, nanos);
        System.out.printf("%d instance(s): %d orders in %.1f s = %.0f msgs/s (outcomes %s)%n", instances, count,
                nanos / 1e9, run.perSecond(), outcomes);

        assertThat(probe.storedOrders(prefix, null)).as("orders in the table").isEqualTo(count);
        assertThat(outcomes).as("no poison, no retries").containsOnlyKeys(
                outcomes.containsKey("duplicate") ? List.of("success", "duplicate") : List.of("success"));
        assertThat(outcomes.get("success")).as("each order written by exactly one instance").isEqualTo(count);
        assertNoDeadLetters(prefix);
        return run;
    }

    private record Run(int instances, int orders, long nanos) {
        double perSecond() {
            return orders / (nanos / 1e9);
        }
    }

    private static ServiceProcess start(Map<String, String> env, String log) {
        Map<String, String> all = new HashMap<>(env);
        // Camel's environment-variable override of orders.poll.wait-seconds (20 s in production): on SIGTERM the
        // service lets a pending long poll return, so 1 s keeps each stop at ~1 s instead of ~20 s. A busy consumer
        // polls again at once (greedy), so this does not change throughput while the queue holds messages.
        all.putIfAbsent("ORDERS_POLL_WAIT_SECONDS", "1");
        all.putIfAbsent("MANAGEMENT_PORT", String.valueOf(ServiceProcess.freePort()));
        return ServiceProcess.start(STACK, all, Path.of(log));
    }

    /** SIGTERM to all at once (each may wait for a long poll to return), then wait for each to exit. */
    private static void stopAll(List<ServiceProcess> services) throws InterruptedException {
        services.forEach(ServiceProcess::terminate);
        for (ServiceProcess service : services) {
            service.close();
        }
    }

    private static int handled(List<ServiceProcess> services, String prefix) {
        return services.stream().map(s -> s.outcomes(prefix))
                .mapToInt(o -> o.getOrDefault("success", 0) + o.getOrDefault("duplicate", 0)).sum();
    }

    private static List<String> ids(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    /** The creates of these orders, sent in batches of 10 from 4 threads. */
    private void sendCreates(List<String> ids) {
        probe.sendAll(ids.stream().map(id -> OrderEventsJson.created(id, CREATED_AT)).toList());
    }

    private void assertNoDeadLetters(String prefix) {
        assertThat(probe.deadLetterQueueDepth()).as("DLQ depth").isZero();
        assertThat(probe.archivedRecords()).as("archived dead letters of this batch")
                .noneMatch(record -> record.path("body").asText().contains(prefix));
    }

}
