package com.orderrouter.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.sun.tools.attach.VirtualMachine;

/**
 * The benchmark's profiler hook: async-profiler (tools.profiler:async-profiler, whose jar carries the native library),
 * loaded into a running consumer JVM through the attach API for exactly the measured window, CPU samples every
 * millisecond, thread names kept. {@link #breakdown} reads the collapsed stacks back as CPU milliseconds per message by
 * component, and how much of the AWS SDK's own work ran in the interpreter.
 */
final class Profiler {

    /** One sample per millisecond of CPU (perf_events "cpu"; async-profiler falls back to a timer without it). */
    private static final long INTERVAL_NANOS = 1_000_000;

    /**
     * Component of a sample: the first match from the leaf up, so a socket write made by the SDK is the SDK's and a
     * log line written from Camel is logging's. Threads are matched by name first (JIT, GC/VM).
     */
    private static final List<Map.Entry<String, List<String>>> COMPONENTS = List.of(
            Map.entry("logging", List.of("org/apache/logging/")),
            Map.entry("tracing", List.of("io/opentelemetry/", "org/apache/camel/opentelemetry",
                    "org/apache/camel/telemetry", "org/apache/camel/tracing")),
            Map.entry("micrometer", List.of("io/micrometer/", "org/apache/camel/component/micrometer")),
            Map.entry("jackson", List.of("com/fasterxml/jackson/")),
            Map.entry("aws sdk + http client", List.of("software/amazon/awssdk/", "org/apache/http/")),
            Map.entry("own code", List.of("com/orderrouter/")),
            Map.entry("camel engine", List.of("org/apache/camel/")));

    private final Path library;

    private Profiler(Path library) {
        this.library = library;
    }

    /** Extracts the linux-x64 library from the async-profiler jar on the class path into {@code dir}. */
    static Profiler extractTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path library = dir.resolve("libasyncProfiler.so").toAbsolutePath();
        try (InputStream in = Profiler.class.getResourceAsStream("/linux-x64/libasyncProfiler.so")) {
            if (in == null) {
                throw new IllegalStateException("tools.profiler:async-profiler is not on the class path");
            }
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
        }
        return new Profiler(library);
    }

    void start(long pid) throws Exception {
        command(pid, "start,event=cpu,interval=" + INTERVAL_NANOS + ",threads");
    }

    /** Stops sampling and writes collapsed stacks, frames annotated with their kind ({@code _[j]} compiled etc.). */
    void stop(long pid, Path collapsed) throws Exception {
        command(pid, "stop,collapsed,ann,file=" + collapsed.toAbsolutePath());
    }

    private void command(long pid, String options) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
        try {
            vm.loadAgentPath(library.toString(), options);
        } finally {
            vm.detach();
        }
    }

    /**
     * CPU ms per message by component, from collapsed stacks of {@code messages} messages, and for the samples whose
     * leaf-most Java frame is the SDK's or the HTTP client's: how many ran in the interpreter ({@code _[0]}) and how
     * many in compiled code.
     */
    static Map<String, Double> breakdown(Path collapsed, int messages) throws IOException {
        Map<String, Long> samples = new TreeMap<>();
        for (String line : Files.readAllLines(collapsed)) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long count = Long.parseLong(line.substring(space + 1));
            String[] frames = line.substring(0, space).split(";");
            samples.merge(component(frames), count, Long::sum);
            String tier = sdkTier(frames);
            if (tier != null) {
                samples.merge("  sdk frames " + tier, count, Long::sum);
            }
        }
        Map<String, Double> msPerMessage = new LinkedHashMap<>();
        samples.forEach((kind, count) -> msPerMessage.put(kind, count * (INTERVAL_NANOS / 1e6) / messages));
        return msPerMessage;
    }

    private static String component(String[] frames) {
        String thread = frames[0];
        if (thread.contains("Compiler")) {
            return "jit compiler threads";
        }
        if (thread.startsWith("[GC ") || thread.startsWith("[G1 ") || thread.startsWith("[VM ")) {
            return "gc + vm threads";
        }
        for (int i = frames.length - 1; i > 0; i--) {
            for (Map.Entry<String, List<String>> component : COMPONENTS) {
                for (String prefix : component.getValue()) {
                    if (frames[i].startsWith(prefix)) {
                        return component.getKey();
                    }
                }
            }
        }
        return "other (jdk, jvm, kernel)";
    }

    /** Interpreted or compiled, for the leaf-most SDK/HTTP-client frame; null when the sample is not in the SDK. */
    private static String sdkTier(String[] frames) {
        for (int i = frames.length - 1; i > 0; i--) {
            String frame = frames[i];
            if (frame.startsWith("software/amazon/awssdk/") || frame.startsWith("org/apache/http/")) {
                return frame.endsWith("_[0]") ? "interpreted" : "compiled";
            }
        }
        return null;
    }
}
