package com.orderrouter.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderrouter.localstack.LocalAwsStack;
import com.orderrouter.localstack.ServiceProcess;

/** The two consumer JVMs the benchmark compares, started against given SQS and DynamoDB endpoints. */
final class ConsumerProcesses {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a consumer sends its SQS and DynamoDB requests: the servers, or the counting proxies in front of them. */
    record Endpoints(String sqs, String dynamoDb) {
    }

    /** One consumer JVM as the benchmark sees it; closing it stops it. */
    record ConsumerProcess(long pid, BooleanSupplier alive, Callable<String> stopper) implements AutoCloseable {
        boolean isAlive() {
            return alive.getAsBoolean();
        }

        /** Stops it; returns what it reported about itself, if anything. */
        String stop() throws Exception {
            return stopper.call();
        }

        @Override
        public void close() throws Exception {
            stop();
        }
    }

    @FunctionalInterface
    interface Starter {
        ConsumerProcess start(Endpoints endpoints, int expected) throws Exception;
    }

    private ConsumerProcesses() {
    }

    /**
     * The service jar with the benchmark's settings, then {@code -Dbench.service-env}'s, then the variant's (environment
     * variables; JAVA_HOME picks the JVM, JAVA_TOOL_OPTIONS adds flags).
     */
    static ConsumerProcess service(LocalAwsStack stack, Endpoints endpoints, int consumers, Map<String, String> variant)
            throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("CONCURRENT_CONSUMERS", String.valueOf(consumers));
        // as the baseline's receives; also lets the service stop within a second at the end
        env.put("ORDERS_POLL_WAIT_SECONDS", "1");
        env.put("MANAGEMENT_PORT", String.valueOf(ServiceProcess.freePort()));
        env.put("AWS_ENDPOINT_URL_SQS", endpoints.sqs());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", endpoints.dynamoDb());
        flightRecording("service").ifPresent(option -> env.put("JAVA_TOOL_OPTIONS", option));
        // -Dbench.service-env="NAME=value,..." measures the cost of a setting, e.g. LOG_LEVEL=WARN
        for (String setting : System.getProperty("bench.service-env", "").split(",")) {
            if (setting.contains("=")) {
                env.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
        }
        env.putAll(variant);
        Files.createDirectories(Path.of("target"));
        ServiceProcess service = ServiceProcess.start(stack, env, Path.of("target/bench-service.log"));
        return new ConsumerProcess(service.pid(), service::isAlive, () -> {
            service.close();
            return "";
        });
    }

    /** The baseline on this JVM, or on the variant's JAVA_HOME with its JAVA_TOOL_OPTIONS. */
    static ConsumerProcess baseline(LocalAwsStack stack, Endpoints endpoints, int consumers, int expected,
            Map<String, String> variant) throws IOException {
        String classpath = String.join(java.io.File.pathSeparator, Path.of("target/test-classes").toAbsolutePath()
                .toString(), Path.of("target/classes").toAbsolutePath().toString(),
                Path.of("target/lib").toAbsolutePath() + "/*");
        Path log = Path.of("target/bench-baseline.log");
        List<String> command = new ArrayList<>(List.of(Path.of(variant.getOrDefault("JAVA_HOME",
                System.getProperty("java.home")), "bin", "java").toString()));
        flightRecording("baseline").ifPresent(command::add);
        command.addAll(List.of("-cp", classpath, BaselineConsumer.class.getName(), endpoints.sqs(),
                endpoints.dynamoDb(), stack.resources().ordersQueueUrl(), stack.resources().deadLetterQueueUrl(),
                stack.resources().tableName(), String.valueOf(consumers), String.valueOf(expected)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(variant);
        Process process = builder.start();
        return new ConsumerProcess(process.pid(), process::isAlive, () -> stopBaseline(process, log));
    }

    /** Releases the baseline (a line on its stdin) and returns its own request and outcome counts. */
    private static String stopBaseline(Process process, Path log) throws Exception {
        if (process.isAlive()) {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write('\n');
            } catch (IOException e) {
                // already exiting
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        Optional<String> line = Files.readAllLines(log).stream().filter(l -> l.startsWith("BASELINE-RESULT "))
                .findFirst();
        if (line.isEmpty()) {
            return "";
        }
        JsonNode own = JSON.readTree(line.get().substring("BASELINE-RESULT ".length()));
        return "; the baseline's own SDK-interceptor count: requests " + own.path("requests") + ", outcomes "
                + own.path("outcomes");
    }

    /** With -Dbench.jfr=DIR, each consumer JVM records a JFR profile to DIR/NAME.jfr (JDK 17 does not expand %p). */
    private static Optional<String> flightRecording(String name) {
        return Optional.ofNullable(System.getProperty("bench.jfr")).map(dir -> "-XX:StartFlightRecording="
                + "settings=profile,dumponexit=true,filename=" + Path.of(dir, name + ".jfr").toAbsolutePath());
    }
}
