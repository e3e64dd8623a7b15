package com.orderrouter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.orderrouter.bench.ConsumerProcesses.ConsumerProcess;
import com.orderrouter.bench.ConsumerProcesses.Endpoints;
import com.orderrouter.bench.ConsumerProcesses.Starter;
import com.orderrouter.localstack.CountingProxy;
import com.orderrouter.localstack.LocalAwsStack;
import com.orderrouter.localstack.ServiceProcess;
import com.orderrouter.localstack.StackProbe;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Issue 7 benchmark (a program, not a test): the service jar vs. a plain AWS SDK v2 consumer ({@link BaselineConsumer})
 * on the same local stack and the same data, then each one's send → stored latency under a steady load
 * ({@link PacedLatency}), and the service's throughput with 3 instances vs 1. Args: [messages=20000] [consumers=10]
 * [warm-up messages=messages/2] [paced msg/s=50] [paced seconds=30].
 * <p>
 * Each consumer is its own JVM ({@link ConsumerProcesses}). Timed pass, straight to ElasticMQ and dynalite: the queue
 * holds a warm-up set, then the measured set; start-up and most JIT compilation happen during the warm-up set, and the
 * window runs from when only the measured set is left to an empty queue. CPU: utime+stime from /proc/&lt;pid&gt;/stat,
 * split by thread kind ({@link ThreadCpu}). Counted pass, a new JVM on a quarter as many messages through a
 * {@link CountingProxy} per service (the servers' view of the requests), then the latency phase through it.
 */
public final class Benchmark {

    private static final long TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(90);

    private Benchmark() {
    }

    record Run(int messages, int consumers, int warmUp, int pacedRate, int pacedSeconds) {
    }

    /**
     * Start-up (process start to first receive), CPU used before the measured window (start-up, warm-up set, most JIT
     * compilation), then the window's seconds, CPU and CPU by thread kind.
     */
    record Drain(double startup, double warmUpCpu, double seconds, double cpu, Map<String, Double> cpuByKind) {
    }

    record Result(String name, int messages, Drain window, int counted, Map<String, Long> sqs,
            Map<String, Long> ddb, PacedLatency.Figures latency, String check) {
        double perSecond() {
            return messages / window.seconds;
        }

        double cpuPer1000() {
            return window.cpu / messages * 1000;
        }

        double sqsPerMessage() {
            return sqs.values().stream().mapToLong(Long::longValue).sum() / (double) counted;
        }

        double ddbPerMessage() {
            return ddb.values().stream().mapToLong(Long::longValue).sum() / (double) counted;
        }
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Run run = new Run(n, args.length > 1 ? Integer.parseInt(args[1]) : 10,
                Math.max(100, args.length > 2 ? Integer.parseInt(args[2]) : n / 2),
                args.length > 3 ? Integer.parseInt(args[3]) : 50, args.length > 4 ? Integer.parseInt(args[4]) : 30);
        String variants = System.getProperty("bench.variants", "");
        if (!variants.isBlank()) {
            alternate(run, variants);
            return;
        }
        Preload.Shape shape = Preload.Shape.of(n);
        System.out.printf("Benchmark: %d messages (%d order_created, %d order_updated, %d poison) after %d warm-up "
                + "messages, %d consumers%n", n, shape.creates(), shape.updates(), shape.poison(), run.warmUp,
                run.consumers);
        Result service;
        Result baseline;
        try (LocalAwsStack stack = LocalAwsStack.start()) {
            Map<String, String> env = stack.serviceEnvironment();
            try (CountingProxy sqsProxy = new CountingProxy(env.get("AWS_ENDPOINT_URL_SQS"));
                    CountingProxy ddbProxy = new CountingProxy(env.get("AWS_ENDPOINT_URL_DYNAMODB"))) {
                service = measure("service", stack, sqsProxy, ddbProxy, run,
                        (endpoints, expected) -> ConsumerProcesses.service(stack, endpoints, run.consumers,
                                Map.of()));
                baseline = measure("baseline", stack, sqsProxy, ddbProxy, run,
                        (endpoints, expected) -> ConsumerProcesses.baseline(stack, endpoints, run.consumers,
                                expected, Map.of()));
            }
            print(run, service, baseline);
            int scaleOut = Math.max(100, n / 2);
            String one = scaleOut(stack, 1, scaleOut, run.consumers);
            String three = scaleOut(stack, 3, scaleOut, run.consumers);
            System.out.printf("scale-out, %d messages from cold JVMs, no proxy: 1 instance %s; 3 instances %s%n",
                    scaleOut, one, three);
        }
        System.exit(0);
    }

    /**
     * A/B mode ({@link Alternating}): {@code -Dbench.variants="baseline;service;..."}, {@code -Dbench.rounds} (3),
     * {@code -Dbench.cold} messages for the cold start (8000), {@code -Dbench.profile=true} profiles every warm window.
     */
    private static void alternate(Run run, String variants) throws Exception {
        Profiler profiler = Boolean.getBoolean("bench.profile") ? Profiler.extractTo(Path.of("target/profiles"))
                : null;
        try (LocalAwsStack stack = LocalAwsStack.start()) {
            new Alternating(stack, run.messages, run.consumers, run.warmUp, Integer.getInteger("bench.cold", 8000),
                    profiler).run(Alternating.Variant.parse(variants), Integer.getInteger("bench.rounds", 3));
        }
        System.exit(0);
    }

    /**
     * Two passes with a fresh JVM each: the timed one straight to the servers (the proxy would cap throughput and
     * share the cores), then a counted one of a quarter of the messages through the proxies, followed by the
     * steady-rate latency.
     */
    private static Result measure(String name, LocalAwsStack stack, CountingProxy sqsProxy, CountingProxy ddbProxy,
            Run run, Starter starter) throws Exception {
        String prefix = name + "-" + System.currentTimeMillis() + "-";
        StackProbe probe = new StackProbe(stack);
        Preload.Shape warmShape = Preload.Shape.of(run.warmUp);
        Preload.Shape shape = Preload.Shape.of(run.messages);
        Map<String, String> servers = stack.serviceEnvironment();
        // the warm-up set first, so it is received first
        Preload.send(probe, "warm-" + prefix, warmShape);
        Preload.send(probe, prefix, shape);
        Drain drain;
        try (ConsumerProcess process = starter.start(new Endpoints(servers.get("AWS_ENDPOINT_URL_SQS"),
                servers.get("AWS_ENDPOINT_URL_DYNAMODB")), warmShape.total() + shape.total())) {
            drain = awaitDrain(stack, warmShape.total() + shape.total(), shape.total(), process, () -> { });
        }
        String check = verify(probe, prefix, shape);

        String countedPrefix = "counted-" + prefix;
        Preload.Shape counted = Preload.Shape.of(Math.max(100, run.messages / 4));
        Preload.send(probe, countedPrefix, counted);
        sqsProxy.reset();
        ddbProxy.reset();
        Map<String, Long> sqs;
        Map<String, Long> ddb;
        PacedLatency.Figures latency;
        String own;
        try (ConsumerProcess process = starter.start(new Endpoints(sqsProxy.endpoint(), ddbProxy.endpoint()),
                counted.total())) {
            awaitDrain(stack, counted.total(), counted.total(), process, () -> { });
            sqs = sqsProxy.counts();
            ddb = ddbProxy.counts();
            latency = PacedLatency.measure(stack, ddbProxy, "paced-" + prefix, run.pacedRate, run.pacedSeconds);
            own = process.stop();
        }
        return new Result(name, shape.total(), drain, counted.total(), sqs, ddb, latency, check + "; counted pass "
                + verify(probe, countedPrefix, counted) + own);
    }

    /** Throughput of {@code instances} service processes on one queue, from the first message done to an empty queue. */
    private static String scaleOut(LocalAwsStack stack, int instances, int messages, int consumers) throws Exception {
        String prefix = "scale" + instances + "-" + System.currentTimeMillis() + "-";
        StackProbe probe = new StackProbe(stack);
        Preload.Shape shape = Preload.Shape.of(messages);
        Preload.send(probe, prefix, shape);
        List<ServiceProcess> services = new ArrayList<>();
        Drain drain;
        try {
            for (int i = 1; i <= instances; i++) {
                services.add(ServiceProcess.start(stack, Map.of("CONCURRENT_CONSUMERS", String.valueOf(consumers),
                        "ORDERS_POLL_WAIT_SECONDS", "1", "MANAGEMENT_PORT", String.valueOf(ServiceProcess.freePort())),
                        Path.of("target/bench-scale-" + instances + "-" + i + ".log")));
            }
            ConsumerProcess all = new ConsumerProcess(services.get(0).pid(),
                    () -> services.stream().allMatch(ServiceProcess::isAlive), () -> "");
            drain = awaitDrain(stack, shape.total(), shape.total() - 1, all, () -> { });
        } finally {
            for (ServiceProcess service : services) {
                service.close();
            }
        }
        return "%.0f msg/s (%s)".formatted(shape.total() / drain.seconds(), verify(probe, prefix, shape));
    }

    /**
     * Polls the queue every 50 ms while a process drains it. Start-up: from the call to the first receive (fewer than
     * {@code total} visible). The measured window: from when no more than {@code measured} messages are left (the
     * warm-up set is done) to an empty queue (nothing visible, in flight or delayed).
     */
    static Drain awaitDrain(LocalAwsStack stack, int total, int measured, ConsumerProcess process,
            Runnable onWindowStart) throws Exception {
        long start = System.nanoTime();
        long firstReceive = -1;
        long windowStart = -1;
        double cpuAtWindowStart = 0;
        Map<String, Double> byKindAtWindowStart = Map.of();
        int lastLeft = -1;
        long lastChange = start;
        while (true) {
            if (System.nanoTime() - start > TIMEOUT_NANOS) {
                throw new IllegalStateException("not drained within 10 minutes");
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("process " + process.pid() + " exited before the queue was drained");
            }
            Map<QueueAttributeName, String> a = stack.sqs().getQueueAttributes(b -> b
                    .queueUrl(stack.resources().ordersQueueUrl())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            int visible = Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
            int left = a.values().stream().mapToInt(Integer::parseInt).sum();
            long now = System.nanoTime();
            if (left != lastLeft || firstReceive < 0) {
                lastLeft = left;
                lastChange = now;
            } else if (now - lastChange > STALL_NANOS) {
                throw new IllegalStateException("no progress for 90 s with " + left + " messages on the queue; see "
                        + "target/bench-*.log");
            }
            if (firstReceive < 0 && visible < total) {
                firstReceive = now;
            }
            if (windowStart < 0 && left <= measured) {
                onWindowStart.run();
                windowStart = now;
                cpuAtWindowStart = ThreadCpu.processSeconds(process.pid());
                byKindAtWindowStart = ThreadCpu.byKind(process.pid());
            }
            if (windowStart >= 0 && left == 0) {
                return new Drain((firstReceive - start) / 1e9, cpuAtWindowStart, (now - windowStart) / 1e9,
                        ThreadCpu.processSeconds(process.pid()) - cpuAtWindowStart,
                        ThreadCpu.minus(ThreadCpu.byKind(process.pid()), byKindAtWindowStart));
            }
            Thread.sleep(50);
        }
    }

    /** After the drain: every create stored once, every update applied. */
    static String verify(StackProbe probe, String prefix, Preload.Shape shape) {
        int stored = probe.storedOrders(prefix, null);
        int paid = probe.storedOrders(prefix, "paid");
        boolean ok = stored == shape.creates() && paid == shape.updates();
        return "%s: %d/%d orders stored, %d/%d updated to paid".formatted(ok ? "OK" : "MISMATCH", stored,
                shape.creates(), paid, shape.updates());
    }

    /** Date, cores, CPU model and Java version, for the figures' record. */
    static String machine() throws IOException {
        String cpuModel = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        return "date %s | nproc %d | CPU %s | java %s".formatted(ZonedDateTime.now(),
                Runtime.getRuntime().availableProcessors(), cpuModel, System.getProperty("java.version"));
    }

    private static void print(Run run, Result s, Result b) throws IOException {
        System.out.println();
        System.out.println(machine());
        System.out.printf("N=%d messages after %d warm-up, %d consumers, straight to ElasticMQ/dynalite; requests "
                + "counted in a second pass of %d through a loopback proxy%n", run.messages, run.warmUp, run.consumers,
                s.counted);
        String head = "%-9s %9s %13s %8s %8s %12s %11s %11s%n";
        System.out.printf(head, "", "startup s", "warm-up CPU s", "seconds", "msgs/s", "CPU s/1k msg", "SQS req/msg",
                "DDB req/msg");
        for (Result r : List.of(s, b)) {
            System.out.printf("%-9s %9.1f %13.1f %8.1f %8.0f %12.3f %11.3f %11.3f%n", r.name, r.window.startup,
                    r.window.warmUpCpu, r.window.seconds, r.perSecond(), r.cpuPer1000(), r.sqsPerMessage(),
                    r.ddbPerMessage());
        }
        System.out.printf("ratios service/baseline: throughput %.2f, CPU per message %.2f, SQS requests %.2f, DynamoDB "
                + "requests %.2f%n", s.perSecond() / b.perSecond(), s.cpuPer1000() / b.cpuPer1000(),
                s.sqsPerMessage() / b.sqsPerMessage(), s.ddbPerMessage() / b.ddbPerMessage());
        System.out.println("CPU s per 1k messages by thread kind (from /proc/<pid>/task; system = the part spent in the "
                + "kernel, already counted in the kinds):");
        for (Result r : List.of(s, b)) {
            System.out.printf("  %-9s %s%n", r.name, r.window.cpuByKind.entrySet().stream().map(e -> "%s %.3f"
                    .formatted(e.getKey(), e.getValue() / r.messages * 1000)).collect(Collectors.joining(", ")));
        }
        System.out.printf("latency send -> stored (through the proxy), %d msg/s for %d s:%n", run.pacedRate,
                run.pacedSeconds);
        for (Result r : List.of(s, b)) {
            System.out.printf("  %-9s %s%n", r.name, r.latency);
        }
        for (Result r : List.of(s, b)) {
            System.out.printf("%s requests: SQS %s, DynamoDB %s%n  check %s%n", r.name, r.sqs, r.ddb, r.check);
        }
    }
}
