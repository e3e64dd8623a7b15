package com.orderrouter.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU seconds of a process's threads by kind, from /proc/&lt;pid&gt;/task/*&#47;stat (100 ticks/s): garbage collection,
 * JIT compilation, and the rest (the application's own threads), plus how much of all that was system time. Tells
 * whether extra CPU is work, JVM upkeep or system calls.
 */
final class ThreadCpu {

    private ThreadCpu() {
    }

    static Map<String, Double> byKind(long pid) {
        Map<String, Double> seconds = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    seconds.merge(kind(name), (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0,
                            Double::sum);
                    seconds.merge("system", Long.parseLong(fields[12]) / 100.0, Double::sum);
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seconds;
    }

    /** Thread names as the kernel has them (15 characters at most). */
    private static String kind(String name) {
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Periodic")
                || name.equals("VM Thread")) {
            return "gc+vm";
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return "jit";
        }
        return "app";
    }

    static Map<String, Double> minus(Map<String, Double> after, Map<String, Double> before) {
        Map<String, Double> diff = new TreeMap<>(after);
        before.forEach((kind, cpu) -> diff.merge(kind, -cpu, Double::sum));
        return diff;
    }
}
