package com.orderrouter.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.orderrouter.OrderRouterMain;

/**
 * {@code order-router COMMAND ARGS} in a JVM of its own, on this JVM's classpath, configured by its environment only
 * (the parent's {@code AWS_*} variables are dropped), output and errors to one log file: for tests that kill a command
 * part-way.
 */
public final class CommandProcess {

    private CommandProcess() {
    }

    public static Process start(Map<String, String> environment, Path log, String command, String... args)
            throws IOException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrderRouterMain.class.getName(), command));
        line.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(environment);
        return builder.start();
    }
}
