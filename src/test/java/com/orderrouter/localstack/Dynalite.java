package com.orderrouter.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * dynalite, an open-source DynamoDB server on Node, run as a child process on a free loopback port. It can be stopped
 * and started again on the same port to simulate a DynamoDB outage; its data lives in memory and is lost on stop.
 */
public final class Dynalite implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path script;
    private int port;
    private Process process;

    private Dynalite(Path script) {
        this.script = script;
    }

    /** Starts dynalite from the npm install in src/test/node (run by the build's {@code npm ci}). */
    public static Dynalite start() {
        Path script = Path.of(System.getProperty("orderrouter.node.dir", "src/test/node"), "dynalite-server.js");
        if (!Files.isDirectory(script.resolveSibling("node_modules/dynalite"))) {
            throw new IllegalStateException("dynalite is not installed in " + script.getParent()
                    + ": run ./mvnw generate-test-resources (it runs npm ci there)");
        }
        Dynalite dynalite = new Dynalite(script);
        dynalite.startOn(0);
        return dynalite;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Simulates an outage: the port refuses connections until {@link #restart()}. Data is lost. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Starts again on the same port, so clients configured with {@link #endpoint()} reconnect. */
    public synchronized void restart() {
        stop();
        startOn(port);
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void startOn(int requestedPort) {
        try {
            process = new ProcessBuilder("node", script.getFileName().toString(), String.valueOf(requestedPort))
                    .directory(script.getParent().toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start node (Node.js 20+ must be on the PATH): " + e.getMessage(), e);
        }
        BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> listening = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    if (line.startsWith("listening ")) {
                        return Integer.parseInt(line.substring("listening ".length()).trim());
                    }
                }
                throw new IllegalStateException("dynalite exited before listening");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            port = listening.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("dynalite did not start: " + e.getMessage(), e);
        }
        // keep draining its output so the pipe never fills up
        Thread drain = new Thread(() -> output.lines().forEach(line -> { }), "dynalite-output");
        drain.setDaemon(true);
        drain.start();
    }
}
