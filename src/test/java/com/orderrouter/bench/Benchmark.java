package com.orderrouter.bench;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderrouter.localstack.LocalAwsStack;
import com.orderrouter.localstack.ServiceProcess;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Issue 7 benchmark (a program, not a test): the service jar vs. a plain AWS SDK v2 consumer ({@link BaselineConsumer})
 * on the same local stack and the same preloaded data shape. Args: [messages=20000] [consumers=10].
 * <p>
 * Both run as their own JVM; both reach SQS and DynamoDB through a {@link CountingProxy} (server-side view of the
 * requests each process sends). Timing: from the first receive (visible count drops below N) to the queue being empty
 * (visible + in flight + delayed = 0); JVM start-up is reported separately. CPU: utime+stime of the process from
 * /proc/&lt;pid&gt;/stat (100 ticks/s), over the whole life (incl. start-up/JIT) and over the consumption window only.
 */
public final class Benchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREATED_AT = "2026-11-27T10:00:00Z";
    private static final String UPDATED_AT = "2026-11-27T11:00:00Z";
    private static final long TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(10);

    private Benchmark() {
    }

    record Result(String name, int messages, double startupSeconds, double seconds, double cpuWindow, double cpuTotal,
            Map<String, Long> sqs, Map<String, Long> ddb, String check) {
        double perSecond() {
            return messages / seconds;
        }

        double cpuPer1000() {
            return cpuWindow / messages * 1000;
        }

        double cpuTotalPer1000() {
            return cpuTotal / messages * 1000;
        }

        static double perMessage(Map<String, Long> counts, int messages) {
            return counts.values().stream().mapToLong(Long::longValue).sum() / (double) messages;
        }
    }

    record Shape(int creates, int updates, int poison) {
        static Shape of(int n) {
            int poison = Math.max(1, n / 1000);
            int updates = (n - poison) / 5;
            return new Shape(n - poison - updates, updates, poison);
        }
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int consumers = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Shape shape = Shape.of(n);
        System.out.printf("Benchmark: %d messages (%d order_created, %d order_updated, %d poison), %d consumers%n", n,
                shape.creates, shape.updates, shape.poison, consumers);
        Result service;
        Result baseline;
        try (LocalAwsStack stack = LocalAwsStack.start()) {
            Map<String, String> env = stack.serviceEnvironment();
            try (CountingProxy sqsProxy = new CountingProxy(env.get("AWS_ENDPOINT_URL_SQS"));
                    CountingProxy ddbProxy = new CountingProxy(env.get("AWS_ENDPOINT_URL_DYNAMODB"))) {
                service = runService(stack, sqsProxy, ddbProxy, n, consumers, shape);
                baseline = runBaseline(stack, sqsProxy, ddbProxy, n, consumers, shape);
            }
        }
        print(n, consumers, service, baseline);
        System.exit(0);
    }

    private static Result runService(LocalAwsStack stack, CountingProxy sqsProxy, CountingProxy ddbProxy, int n,
            int consumers, Shape shape) throws Exception {
        String prefix = "svc-" + System.currentTimeMillis() + "-";
        preload(stack, prefix, shape);
        sqsProxy.reset();
        ddbProxy.reset();
        Map<String, String> env = new HashMap<>();
        env.put("CONCURRENT_CONSUMERS", String.valueOf(consumers));
        env.put("ORDERS_POLL_WAIT_SECONDS", "1");
        env.put("MANAGEMENT_PORT", String.valueOf(freePort()));
        env.put("AWS_ENDPOINT_URL_SQS", sqsProxy.endpoint());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", ddbProxy.endpoint());
        Files.createDirectories(Path.of("target"));
        long start = System.nanoTime();
        Window window;
        Map<String, Long> sqs;
        Map<String, Long> ddb;
        try (ServiceProcess service = ServiceProcess.start(stack, env, Path.of("target/bench-service.log"))) {
            window = awaitDrain(stack, n, service.pid(), start, service::isAlive);
            sqs = sqsProxy.counts();
            ddb = ddbProxy.counts();
        }
        String check = verify(stack, prefix, shape);
        return new Result("service", n, window.startup, window.seconds, window.cpuWindow, window.cpuTotal, sqs, ddb,
                check);
    }

    private static Result runBaseline(LocalAwsStack stack, CountingProxy sqsProxy, CountingProxy ddbProxy, int n,
            int consumers, Shape shape) throws Exception {
        String prefix = "base-" + System.currentTimeMillis() + "-";
        preload(stack, prefix, shape);
        sqsProxy.reset();
        ddbProxy.reset();
        String classpath = String.join(java.io.File.pathSeparator, Path.of("target/test-classes").toAbsolutePath()
                .toString(), Path.of("target/lib").toAbsolutePath() + "/*");
        Path log = Path.of("target/bench-baseline.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, BaselineConsumer.class.getName(), sqsProxy.endpoint(), ddbProxy.endpoint(),
                stack.resources().ordersQueueUrl(), stack.resources().deadLetterQueueUrl(),
                stack.resources().tableName(), String.valueOf(consumers), String.valueOf(n))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        long start = System.nanoTime();
        Process process = builder.start();
        Window window;
        Map<String, Long> sqs;
        Map<String, Long> ddb;
        try {
            window = awaitDrain(stack, n, process.pid(), start, process::isAlive);
            sqs = sqsProxy.counts();
            ddb = ddbProxy.counts();
            // let it print its own counts, then release it
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < until && Files.readAllLines(log).stream()
                    .noneMatch(l -> l.startsWith("BASELINE-RESULT "))) {
                Thread.sleep(100);
            }
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write('\n');
            }
            process.waitFor(30, TimeUnit.SECONDS);
        } finally {
            process.destroyForcibly();
        }
        String own = Files.readAllLines(log).stream().filter(l -> l.startsWith("BASELINE-RESULT ")).findFirst()
                .map(l -> l.substring("BASELINE-RESULT ".length())).orElse("{}");
        JsonNode result = JSON.readTree(own);
        String check = verify(stack, prefix, shape) + "; baseline's own SDK-interceptor count: " + result.path("requests")
                + ", outcomes " + result.path("outcomes");
        return new Result("baseline", n, window.startup, window.seconds, window.cpuWindow, window.cpuTotal, sqs, ddb,
                check);
    }

    record Window(double startup, double seconds, double cpuWindow, double cpuTotal) {
    }

    /** Polls the queue every 50 ms: first receive = visible count below n; drained = nothing visible/in flight/delayed. */
    private static Window awaitDrain(LocalAwsStack stack, int n, long pid, long start,
            java.util.function.BooleanSupplier alive) throws Exception {
        long first = -1;
        double cpuAtFirst = 0;
        while (true) {
            if (System.nanoTime() - start > TIMEOUT_NANOS) {
                throw new IllegalStateException("not drained within 10 minutes");
            }
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException("process " + pid + " exited before the queue was drained");
            }
            Map<QueueAttributeName, String> a = stack.sqs().getQueueAttributes(b -> b
                    .queueUrl(stack.resources().ordersQueueUrl())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            int visible = Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
            int total = a.values().stream().mapToInt(Integer::parseInt).sum();
            long now = System.nanoTime();
            if (first < 0 && visible < n) {
                first = now;
                cpuAtFirst = cpuSeconds(pid);
            }
            if (first >= 0 && total == 0) {
                double cpu = cpuSeconds(pid);
                return new Window((first - start) / 1e9, (now - first) / 1e9, cpu - cpuAtFirst, cpu);
            }
            Thread.sleep(50);
        }
    }

    /** utime + stime of a process, in seconds (fields 14 and 15 of /proc/pid/stat, 100 clock ticks per second). */
    static double cpuSeconds(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /** Creates first (all acknowledged), then the updates of the earliest creates and the poison messages. */
    private static void preload(LocalAwsStack stack, String prefix, Shape shape) throws Exception {
        List<String> creates = new ArrayList<>(shape.creates);
        for (int i = 0; i < shape.creates; i++) {
            String id = prefix + i;
            creates.add("""
                    {"type":"order_created","timestamp":"%s","correlation_id":"corr-%s",\
                    "data":{"order_id":"%s","customer_id":"cust-%s","items":[{"sku":"SKU-1","quantity":1,"price":19.99}],\
                    "total":19.99}}""".formatted(CREATED_AT, id, id, id));
        }
        send(stack, creates);
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < shape.updates; i++) {
            rest.add("""
                    {"type":"order_updated","timestamp":"%s","data":{"order_id":"%s","status":"paid"}}"""
                    .formatted(UPDATED_AT, prefix + i));
        }
        for (int i = 0; i < shape.poison; i++) {
            rest.add(i % 2 == 0 ? "not JSON " + prefix + i
                    : "{\"type\":\"order_shipped\",\"timestamp\":\"" + UPDATED_AT + "\",\"data\":{\"order_id\":\""
                            + prefix + "p" + i + "\"}}");
        }
        send(stack, rest);
    }

    private static void send(LocalAwsStack stack, List<String> bodies) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int from = 0; from < bodies.size(); from += 10) {
                List<String> chunk = bodies.subList(from, Math.min(from + 10, bodies.size()));
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < chunk.size(); i++) {
                    entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(chunk.get(i)).build());
                }
                calls.add(senders.submit(() -> {
                    var failed = stack.sqs().sendMessageBatch(b -> b.queueUrl(stack.resources().ordersQueueUrl())
                            .entries(entries)).failed();
                    if (!failed.isEmpty()) {
                        throw new IllegalStateException("send failed: " + failed);
                    }
                }));
            }
            for (Future<?> call : calls) {
                call.get(120, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
        }
    }

    /** After the drain: every create stored once, every update applied. */
    private static String verify(LocalAwsStack stack, String prefix, Shape shape) {
        int stored = count(stack, prefix, null);
        int paid = count(stack, prefix, "paid");
        boolean ok = stored == shape.creates && paid == shape.updates;
        return "%s: %d/%d orders stored, %d/%d updated to paid".formatted(ok ? "OK" : "MISMATCH", stored,
                shape.creates, paid, shape.updates);
    }

    private static int count(LocalAwsStack stack, String prefix, String status) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", AttributeValue.fromS("ORDER#" + prefix)));
        String filter = "begins_with(pk, :p)";
        if (status != null) {
            values.put(":s", AttributeValue.fromS(status));
            filter += " AND #st = :s";
        }
        String f = filter;
        return stack.dynamoDb().scanPaginator(b -> {
            b.tableName(stack.resources().tableName()).select(Select.COUNT).filterExpression(f)
                    .expressionAttributeValues(values);
            if (status != null) {
                b.expressionAttributeNames(Map.of("#st", "status"));
            }
        }).stream().mapToInt(ScanResponse::count).sum();
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void print(int n, int consumers, Result s, Result b) throws Exception {
        String cpuModel = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        System.out.println();
        System.out.printf("date %s | nproc %d | CPU %s | java %s%n", ZonedDateTime.now(),
                Runtime.getRuntime().availableProcessors(), cpuModel, System.getProperty("java.version"));
        System.out.printf("N=%d messages, %d consumers; SQS/DynamoDB requests counted by a loopback proxy in front of "
                + "ElasticMQ/dynalite%n", n, consumers);
        String head = "%-9s %8s %9s %8s %9s %12s %12s %11s %11s%n";
        System.out.printf(head, "", "messages", "startup s", "seconds", "msgs/s", "CPU s/1k msg", "CPU s/1k tot",
                "SQS req/msg", "DDB req/msg");
        for (Result r : List.of(s, b)) {
            System.out.printf("%-9s %8d %9.1f %8.1f %9.0f %12.3f %12.3f %11.3f %11.3f%n", r.name, r.messages,
                    r.startupSeconds, r.seconds, r.perSecond(), r.cpuPer1000(), r.cpuTotalPer1000(),
                    Result.perMessage(r.sqs, r.messages), Result.perMessage(r.ddb, r.messages));
        }
        System.out.printf("ratios service/baseline: throughput %.2f, CPU per message (window) %.2f, (incl. start-up) "
                + "%.2f, SQS req %.2f, DDB req %.2f%n", s.perSecond() / b.perSecond(), s.cpuPer1000() / b.cpuPer1000(),
                s.cpuTotalPer1000() / b.cpuTotalPer1000(),
                Result.perMessage(s.sqs, n) / Result.perMessage(b.sqs, n),
                Result.perMessage(s.ddb, n) / Result.perMessage(b.ddb, n));
        System.out.println("latency p50/p99 (send -> stored): n/a (queue is preloaded, so per-message latency would be "
                + "queueing time, not processing time)");
        for (Result r : List.of(s, b)) {
            System.out.printf("%s requests: SQS %s, DynamoDB %s%n  check %s%n", r.name, r.sqs, r.ddb, r.check);
        }
    }
}
