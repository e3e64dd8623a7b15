package com.orderrouter.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The service's jar ({@code target/order-router.jar}) run as its own process against a {@link LocalAwsStack},
 * configured only by environment variables, as in production. Its output goes to a log file.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code java @docker/jvm.options -jar order-router.jar ARGS}, with the container's JVM flags: no arguments
     * runs the service. The JVM is this one's, or the one under {@code JAVA_HOME} when the extra environment sets it; the
     * jar is {@code ORDER_ROUTER_JAR} and the flags file
     * {@code ORDER_ROUTER_JVM_OPTIONS} when it sets those (the benchmark compares JDKs, builds and flags that way; a jar
     * elsewhere than target/ needs a lib/ beside it).
     */
    public static ServiceProcess start(LocalAwsStack stack, Map<String, String> extraEnvironment, Path log,
            String... args) {
        return start(stack, extraEnvironment, Set.of(), log, args);
    }

    /** As {@link #start(LocalAwsStack, Map, Path, String...)}, without the {@code unset} variables in its environment. */
    public static ServiceProcess start(LocalAwsStack stack, Map<String, String> extraEnvironment, Set<String> unset,
            Path log, String... args) {
        Path jar = Path.of(extraEnvironment.getOrDefault("ORDER_ROUTER_JAR",
                System.getProperty("orderrouter.jar", "target/order-router.jar")));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw package");
        }
        String javaHome = extraEnvironment.getOrDefault("JAVA_HOME", System.getProperty("java.home"));
        Path flags = Path.of(extraEnvironment.getOrDefault("ORDER_ROUTER_JVM_OPTIONS",
                System.getProperty("orderrouter.jvm.options", "docker/jvm.options"))).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(javaHome, "bin", "java").toString(), "@" + flags,
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_") || name.equals("LOG_LEVEL"));
        environment.putAll(stack.serviceEnvironment());
        environment.put("ROUTES_DIR", Path.of(System.getProperty("orderrouter.routes.dir", "routes"))
                .toAbsolutePath().toString());
        environment.putAll(extraEnvironment);
        environment.keySet().removeAll(unset);
        try {
            return new ServiceProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free loopback port, e.g. for a process's MANAGEMENT_PORT. */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    public List<String> logLines() {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Outcome counts ({@code success}, {@code stale}, ...) of the orders whose id starts with the prefix, from the
     * service's JSON log lines. */
    public Map<String, Integer> outcomes(String orderIdPrefix) {
        Map<String, Integer> counts = new HashMap<>();
        for (String line : logLines()) {
            if (!line.startsWith("{")) {
                continue;
            }
            try {
                JsonNode event = JSON.readTree(line);
                if (event.path("order_id").asText().startsWith(orderIdPrefix) && event.has("outcome")) {
                    counts.merge(event.get("outcome").asText(), 1, Integer::sum);
                }
            } catch (JsonProcessingException e) {
                // the last line, still being written
            }
        }
        return counts;
    }

    /** HTTP status of a service's /observe/health/ready on its management port, or -1 when nothing answers. */
    public static int readiness(int managementPort) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/observe/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Sends SIGTERM, as ECS does when it stops a task. */
    public void terminate() {
        process.destroy();
    }

    /** @return the exit code, or -1 if it did not exit in time */
    public int waitForExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
