package com.orderrouter.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import com.orderrouter.bench.Benchmark.Drain;
import com.orderrouter.bench.ConsumerProcesses.ConsumerProcess;
import com.orderrouter.bench.ConsumerProcesses.Endpoints;
import com.orderrouter.localstack.LocalAwsStack;
import com.orderrouter.localstack.StackProbe;

/**
 * The benchmark's A/B mode: variants of the service and the baseline measured ALTERNATELY on one stack, {@code rounds}
 * times, so that load from elsewhere on the machine falls on all of them alike; then medians with their spread.
 * <p>
 * Each variant, in each round (the order rotates by one every round), runs twice, each time in a new JVM: warm (a
 * warm-up set, then the measured set of {@code messages}; CPU and time of the measured window only, as in
 * {@link Benchmark}) and cold (process start to an empty queue over {@code cold} messages, whole-process CPU). Every
 * run checks that every order was stored and every update applied.
 * <p>
 * A variant is {@code name} or {@code name:KEY=value|KEY=value}: environment variables of that consumer's process
 * (JAVA_HOME picks the JVM, JAVA_TOOL_OPTIONS adds flags, LOG_LEVEL etc. configure the service). A name that starts
 * with {@code baseline} runs {@link BaselineConsumer}; each service variant's ratios are to the baseline variant on
 * the same JAVA_HOME, else to the first baseline. With a {@link Profiler}, every warm window is profiled and its CPU
 * breakdown printed.
 */
final class Alternating {

    record Variant(String name, boolean baseline, Map<String, String> env) {
        /** {@code "baseline;service;serial:JAVA_TOOL_OPTIONS=-XX:+UseSerialGC"}. */
        static List<Variant> parse(String spec) {
            List<Variant> variants = new ArrayList<>();
            for (String part : spec.split(";")) {
                if (part.isBlank()) {
                    continue;
                }
                int colon = part.indexOf(':');
                String name = (colon < 0 ? part : part.substring(0, colon)).trim();
                Map<String, String> env = new TreeMap<>();
                if (colon >= 0) {
                    for (String setting : part.substring(colon + 1).split("\\|")) {
                        int eq = setting.indexOf('=');
                        if (eq > 0) {
                            env.put(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
                        }
                    }
                }
                variants.add(new Variant(name, name.startsWith("baseline"), env));
            }
            return variants;
        }
    }

    /** One round of one variant: warm window figures and the cold run's. */
    record Sample(double cpuPer1k, double perSecond, Map<String, Double> byKindPer1k, double coldMsPerMessage,
            double coldSeconds, double startup, boolean ok) {
    }

    private final LocalAwsStack stack;
    private final StackProbe probe;
    private final int messages;
    private final int consumers;
    private final int warmUp;
    private final int cold;
    private final Profiler profiler;
    private final Map<String, List<Sample>> samples = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Double>>> profiles = new LinkedHashMap<>();

    Alternating(LocalAwsStack stack, int messages, int consumers, int warmUp, int cold, Profiler profiler) {
        this.stack = stack;
        this.probe = new StackProbe(stack);
        this.messages = messages;
        this.consumers = consumers;
        this.warmUp = warmUp;
        this.cold = cold;
        this.profiler = profiler;
    }

    void run(List<Variant> variants, int rounds) throws Exception {
        System.out.printf("A/B: %d rounds of %s; warm: %d messages after %d warm-up; cold: %d messages from process "
                + "start; %d consumers%n", rounds, variants.stream().map(v -> v.name + v.env).collect(Collectors
                .joining(", ")), messages, warmUp, cold, consumers);
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < variants.size(); i++) {
                Variant variant = variants.get((i + round) % variants.size());
                Sample sample = measure(variant, round);
                samples.computeIfAbsent(variant.name, k -> new ArrayList<>()).add(sample);
                System.out.printf("round %d %-16s warm %.3f CPU s/1k, %.0f msg/s; cold %.3f ms/msg in %.1f s "
                        + "(startup %.1f s); %s%n", round + 1, variant.name, sample.cpuPer1k, sample.perSecond,
                        sample.coldMsPerMessage, sample.coldSeconds, sample.startup, sample.ok ? "all stored"
                        : "MISMATCH");
            }
        }
        print(variants);
    }

    private Sample measure(Variant variant, int round) throws Exception {
        String prefix = variant.name + "-" + System.currentTimeMillis() + "-";
        Preload.Shape warmShape = Preload.Shape.of(warmUp);
        Preload.Shape shape = Preload.Shape.of(messages);
        Preload.send(probe, "warm-" + prefix, warmShape);
        Preload.send(probe, prefix, shape);
        Drain warm;
        try (ConsumerProcess process = start(variant, warmShape.total() + shape.total())) {
            Path collapsed = Path.of("target/profiles", variant.name + "-round" + (round + 1) + ".collapsed");
            warm = Benchmark.awaitDrain(stack, warmShape.total() + shape.total(), shape.total(), process,
                    () -> startProfiler(process.pid()));
            if (profiler != null) {
                profiler.stop(process.pid(), collapsed);
                profiles.computeIfAbsent(variant.name, k -> new ArrayList<>())
                        .add(Profiler.breakdown(collapsed, shape.total()));
            }
        }
        boolean ok = Benchmark.verify(probe, prefix, shape).startsWith("OK");

        String coldPrefix = "cold-" + prefix;
        Preload.Shape coldShape = Preload.Shape.of(cold);
        Preload.send(probe, coldPrefix, coldShape);
        long start = System.nanoTime();
        double coldSeconds;
        Drain drain;
        try (ConsumerProcess process = start(variant, coldShape.total())) {
            drain = Benchmark.awaitDrain(stack, coldShape.total(), coldShape.total(), process, () -> { });
            coldSeconds = (System.nanoTime() - start) / 1e9;
        }
        ok &= Benchmark.verify(probe, coldPrefix, coldShape).startsWith("OK");
        Map<String, Double> byKind = new TreeMap<>();
        warm.cpuByKind().forEach((kind, cpu) -> byKind.put(kind, cpu / shape.total() * 1000));
        return new Sample(warm.cpu() / shape.total() * 1000, shape.total() / warm.seconds(), byKind,
                (drain.warmUpCpu() + drain.cpu()) / coldShape.total() * 1000, coldSeconds, drain.startup(), ok);
    }

    private ConsumerProcess start(Variant variant, int expected) throws Exception {
        Map<String, String> servers = stack.serviceEnvironment();
        Endpoints endpoints = new Endpoints(servers.get("AWS_ENDPOINT_URL_SQS"), servers.get(
                "AWS_ENDPOINT_URL_DYNAMODB"));
        return variant.baseline ? ConsumerProcesses.baseline(stack, endpoints, consumers, expected, variant.env)
                : ConsumerProcesses.service(stack, endpoints, consumers, variant.env);
    }

    private void startProfiler(long pid) {
        if (profiler != null) {
            try {
                profiler.start(pid);
            } catch (Exception e) {
                throw new IllegalStateException("could not start async-profiler in " + pid, e);
            }
        }
    }

    private void print(List<Variant> variants) {
        System.out.println();
        System.out.println(machineLine());
        System.out.printf("medians of %d alternating rounds [min-max]; ratios are medians over the baseline's "
                + "medians%n", samples.values().iterator().next().size());
        System.out.printf("%-16s %-24s %-20s %-24s %-14s %s%n", "variant", "warm CPU s/1k msg", "warm msg/s",
                "cold CPU ms/msg", "cold s", "ratios: CPU, msg/s, cold CPU");
        for (Variant variant : variants) {
            List<Sample> own = samples.get(variant.name);
            String ratios = "";
            if (!variant.baseline) {
                List<Sample> base = samples.get(baselineFor(variant, variants).name);
                ratios = "%.2f, %.2f, %.2f".formatted(median(own, Sample::cpuPer1k) / median(base, Sample::cpuPer1k),
                        median(own, Sample::perSecond) / median(base, Sample::perSecond),
                        median(own, Sample::coldMsPerMessage) / median(base, Sample::coldMsPerMessage));
            }
            System.out.printf("%-16s %-24s %-20s %-24s %-14s %s%s%n", variant.name, spread(own, Sample::cpuPer1k, "%.3f"),
                    spread(own, Sample::perSecond, "%.0f"), spread(own, Sample::coldMsPerMessage, "%.3f"),
                    spread(own, Sample::coldSeconds, "%.1f"), ratios,
                    own.stream().allMatch(Sample::ok) ? "" : "  (MISMATCH in a run)");
        }
        System.out.println("warm CPU s per 1k messages by thread kind (medians):");
        for (Variant variant : variants) {
            List<Sample> own = samples.get(variant.name);
            System.out.printf("  %-16s %s%n", variant.name, own.get(0).byKindPer1k.keySet().stream().map(kind ->
                    "%s %.3f".formatted(kind, median(own, s -> s.byKindPer1k.getOrDefault(kind, 0.0))))
                    .collect(Collectors.joining(", ")));
        }
        if (!profiles.isEmpty()) {
            System.out.println("async-profiler, warm window, CPU ms per message by component (medians):");
            for (Variant variant : variants) {
                List<Map<String, Double>> runs = profiles.get(variant.name);
                Map<String, Double> keys = new TreeMap<>();
                runs.forEach(keys::putAll);
                System.out.printf("  %-16s %s%n", variant.name, keys.keySet().stream().map(kind -> "%s %.3f"
                        .formatted(kind, medianOf(runs.stream().mapToDouble(r -> r.getOrDefault(kind, 0.0))
                                .toArray()))).collect(Collectors.joining(", ")));
            }
        }
    }

    private static Variant baselineFor(Variant service, List<Variant> variants) {
        return variants.stream().filter(v -> v.baseline && v.env.get("JAVA_HOME") != null
                && v.env.get("JAVA_HOME").equals(service.env.get("JAVA_HOME"))).findFirst()
                .orElseGet(() -> variants.stream().filter(Variant::baseline).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no baseline variant")));
    }

    private static String machineLine() {
        try {
            return Benchmark.machine();
        } catch (java.io.IOException e) {
            return "machine: " + e.getMessage();
        }
    }

    private static String spread(List<Sample> samples, ToDoubleFunction<Sample> figure, String format) {
        double[] values = samples.stream().mapToDouble(figure).sorted().toArray();
        return (format + " [" + format + "-" + format + "]").formatted(medianOf(values), values[0],
                values[values.length - 1]);
    }

    private static double median(List<Sample> samples, ToDoubleFunction<Sample> figure) {
        return medianOf(samples.stream().mapToDouble(figure).toArray());
    }

    private static double medianOf(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
