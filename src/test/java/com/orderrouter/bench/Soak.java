package com.orderrouter.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.orderrouter.localstack.LocalAwsStack;
import com.orderrouter.localstack.OrderEventsJson;
import com.orderrouter.localstack.ServiceProcess;
import com.orderrouter.localstack.StackProbe;

/**
 * Issue 7 soak (a program, not a test): the service jar under a steady load for a long time, to show that memory and
 * threads stay flat. Every 30 s it forces a full GC in the service ({@code jcmd <pid> GC.run}) and then reads, from the
 * service's own Prometheus endpoint, heap in use (which right after that GC is the live heap) and live threads; open
 * files and RSS come from /proc. Load: one message per tick at the given rate, 79 % order_created, 20 % order_updated
 * (of an order created about 2 s earlier), 1 % poison (which goes through the DLQ route to S3 and SNS).
 * Args: [minutes=10] [msg/s=50]. Exits 1 when a message is missing or memory/threads grew.
 */
public final class Soak {

    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(30);
    private static final Pattern HEAP_USED = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} (\\S+)$");
    private static final Pattern THREADS = Pattern.compile("(?m)^jvm_threads_live_threads(?:\\{[^}]*})? (\\S+)$");

    record Sample(double minute, int sent, double heapMiB, int threads, int openFiles, double rssMiB) {
        @Override
        public String toString() {
            return "%6.1f %8d %16.1f %8d %10d %8.0f".formatted(minute, sent, heapMiB, threads, openFiles, rssMiB);
        }
    }

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        System.out.printf("Soak: %d minutes at %d msg/s, sampled every %d s%n", minutes, rate,
                SAMPLE_EVERY.toSeconds());
        String prefix = "soak-" + System.currentTimeMillis() + "-";
        List<Sample> samples = new ArrayList<>();
        AtomicInteger sent = new AtomicInteger();
        String check;
        try (LocalAwsStack stack = LocalAwsStack.start()) {
            int port = ServiceProcess.freePort();
            Files.createDirectories(Path.of("target"));
            try (ServiceProcess service = ServiceProcess.start(stack, Map.of("MANAGEMENT_PORT", String.valueOf(port)),
                    Path.of("target/soak-service.log"))) {
                awaitReady(service, port);
                ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
                long start = System.nanoTime();
                StackProbe probe = new StackProbe(stack);
                ticker.scheduleAtFixedRate(() -> send(probe, prefix, sent.getAndIncrement()), 0,
                        TimeUnit.SECONDS.toNanos(1) / rate, TimeUnit.NANOSECONDS);
                System.out.println(" minute     sent  heap after GC MiB  threads  open files  RSS MiB");
                long end = start + TimeUnit.MINUTES.toNanos(minutes);
                for (long next = start; next <= end; next += SAMPLE_EVERY.toNanos()) {
                    Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                    Sample sample = sample(service, port, (System.nanoTime() - start) / 60e9, sent.get());
                    samples.add(sample);
                    System.out.println(sample);
                }
                ticker.shutdownNow();
                ticker.awaitTermination(10, TimeUnit.SECONDS);
                awaitDrained(probe, service);
                check = verify(probe, prefix, sent.get());
            }
        }
        boolean flat = report(samples);
        System.out.println(check);
        System.exit(flat && check.startsWith("OK") ? 0 : 1);
    }

    private enum Kind { CREATE, UPDATE, POISON }

    /** Message i: every 100th is poison, every 5th (else) updates the create sent 101 ticks earlier, the rest create. */
    private static Kind kind(int i) {
        if (i % 100 == 99) {
            return Kind.POISON;
        }
        return i % 5 == 4 && i >= 101 ? Kind.UPDATE : Kind.CREATE;
    }

    private static void send(StackProbe probe, String prefix, int i) {
        probe.send(switch (kind(i)) {
            case POISON -> "not JSON " + prefix + i;
            case UPDATE -> OrderEventsJson.updated(prefix + (i - 101), "paid", Preload.UPDATED_AT);
            case CREATE -> OrderEventsJson.created(prefix + i, Preload.CREATED_AT);
        });
    }

    private static Sample sample(ServiceProcess service, int port, double minute, int sent) throws Exception {
        Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(service.pid()), "GC.run").redirectErrorStream(true).start();
        String gcOutput = new String(gc.getInputStream().readAllBytes());
        if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
            throw new IllegalStateException("jcmd GC.run failed: " + gcOutput);
        }
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/observe/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double heap = 0;
        Matcher pools = HEAP_USED.matcher(metrics);
        while (pools.find()) {
            heap += Double.parseDouble(pools.group(1));
        }
        Matcher threads = THREADS.matcher(metrics);
        if (heap == 0 || !threads.find()) {
            throw new IllegalStateException("no JVM heap/thread metrics on /observe/metrics");
        }
        Path proc = Path.of("/proc", String.valueOf(service.pid()));
        int openFiles;
        try (var fds = Files.list(proc.resolve("fd"))) {
            openFiles = (int) fds.count();
        }
        double rssKiB = Files.readAllLines(proc.resolve("status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToDouble(l -> Double.parseDouble(l.replaceAll("\\D", ""))).findFirst().orElse(Double.NaN);
        return new Sample(minute, sent, heap / (1 << 20), (int) Double.parseDouble(threads.group(1)), openFiles,
                rssKiB / 1024);
    }

    private static void awaitReady(ServiceProcess service, int port) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ServiceProcess.readiness(port) != 200) {
            if (!service.isAlive() || System.nanoTime() > until) {
                throw new IllegalStateException("the service did not become ready; see " + service.log());
            }
            Thread.sleep(200);
        }
    }

    /** Waits (up to 2 minutes) until nothing is left on the orders queue or the DLQ. */
    private static void awaitDrained(StackProbe probe, ServiceProcess service) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < until && service.isAlive()
                && probe.ordersQueueDepth() + probe.deadLetterQueueDepth() > 0) {
            Thread.sleep(500);
        }
    }

    /** Every create stored, every update applied, every poison message archived in S3. */
    private static String verify(StackProbe probe, String prefix, int sent) {
        Map<Kind, Long> expected = IntStream.range(0, sent).mapToObj(Soak::kind)
                .collect(Collectors.groupingBy(k -> k, () -> new EnumMap<>(Kind.class), Collectors.counting()));
        long creates = expected.getOrDefault(Kind.CREATE, 0L);
        long updates = expected.getOrDefault(Kind.UPDATE, 0L);
        long poison = expected.getOrDefault(Kind.POISON, 0L);
        int stored = probe.storedOrders(prefix, null);
        int paid = probe.storedOrders(prefix, "paid");
        int archived = probe.archiveKeys().size();
        boolean ok = stored == creates && paid == updates && archived == poison;
        return "%s: %d sent; %d/%d orders stored, %d/%d updated to paid, %d/%d poison messages archived in S3"
                .formatted(ok ? "OK" : "MISMATCH", sent, stored, creates, paid, updates, archived, poison);
    }

    /**
     * Flat = live heap in the last quarter of the run at most 10 % (and 8 MiB) above the second quarter's (the first is
     * warm-up), and the live thread count after warm-up varying by at most 4.
     */
    private static boolean report(List<Sample> samples) throws Exception {
        int q = Math.max(1, samples.size() / 4);
        List<Sample> early = samples.subList(q, Math.min(samples.size(), 2 * q));
        List<Sample> late = samples.subList(samples.size() - q, samples.size());
        double heapEarly = early.stream().mapToDouble(Sample::heapMiB).average().orElse(Double.NaN);
        double heapLate = late.stream().mapToDouble(Sample::heapMiB).average().orElse(Double.NaN);
        int threadsMin = samples.stream().skip(q).mapToInt(Sample::threads).min().orElse(0);
        int threadsMax = samples.stream().skip(q).mapToInt(Sample::threads).max().orElse(0);
        boolean heapFlat = heapLate <= heapEarly * 1.10 || heapLate - heapEarly <= 8;
        boolean threadsFlat = threadsMax - threadsMin <= 4;
        System.out.printf("%n%s%n", Benchmark.machine());
        System.out.printf("heap after GC: %.1f MiB (2nd quarter avg) -> %.1f MiB (last quarter avg): %s%n", heapEarly,
                heapLate, heapFlat ? "flat" : "GROWING");
        System.out.printf("live threads after warm-up: %d..%d: %s%n", threadsMin, threadsMax,
                threadsFlat ? "flat" : "GROWING");
        return heapFlat && threadsFlat;
    }
}
