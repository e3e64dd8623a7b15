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
 * whether extra CPU is work, JVM upkeep or system calls. Threads that have exited (the JVM stops idle JIT compiler
 * threads, UseDynamicNumberOfCompilerThreads) are no longer listed: their CPU is the process's total less the live
 * threads', reported as "exited".
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
                    seconds.merge(kind(name), user(stat) + system(stat), Double::sum);
                    seconds.merge("system", system(stat), Double::sum);
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            });
            double live = seconds.entrySet().stream().filter(e -> !e.getKey().equals("system"))
                    .mapToDouble(Map.Entry::getValue).sum();
            seconds.put("exited", Math.max(0, processSeconds(pid) - live));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seconds;
    }

    /** utime + stime of a whole process, in seconds. */
    static double processSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        return user(stat) + system(stat);
    }

    /** utime and stime: fields 14 and 15 of a stat line, after the name in parentheses; 100 clock ticks per second. */
    private static double user(String stat) {
        return field(stat, 11) / 100.0;
    }

    private static double system(String stat) {
        return field(stat, 12) / 100.0;
    }

    private static long field(String stat, int indexAfterName) {
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[indexAfterName]);
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
