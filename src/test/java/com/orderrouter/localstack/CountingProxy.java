package com.orderrouter.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A plain HTTP reverse proxy on loopback that forwards every request to one target endpoint and counts requests per AWS
 * operation (from {@code X-Amz-Target}, or {@code Action=} of a query-protocol body). Lets the benchmark count the
 * requests an unmodified process sends to SQS and DynamoDB, by pointing its endpoint variables at the proxy; and lets
 * a test make a dependency slow ({@link #beforeForward}).
 */
public final class CountingProxy implements AutoCloseable {

    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    private final String target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "counting-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private volatile BiConsumer<String, byte[]> onSuccess = (operation, body) -> { };
    private volatile BiConsumer<String, byte[]> beforeForward = (operation, body) -> { };

    public CountingProxy(String target) throws IOException {
        this.target = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).build();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Counts per operation since the last reset. */
    public Map<String, Long> counts() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((op, n) -> copy.put(op, n.sum()));
        return copy;
    }

    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Called with the operation and request body of every request the target answered with 200, once it answered. */
    public void onSuccess(BiConsumer<String, byte[]> listener) {
        onSuccess = listener;
    }

    /**
     * Called with the operation and body of every request before it is forwarded, on that request's own thread: a
     * listener that blocks holds that request (and only that one), as a slow dependency would.
     */
    public void beforeForward(BiConsumer<String, byte[]> listener) {
        beforeForward = listener;
    }

    public void reset() {
        counts.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String operation = operation(exchange, body);
            counts.computeIfAbsent(operation, k -> new LongAdder()).increment();
            beforeForward.accept(operation, body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase())) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            response.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase();
                if (!HOP_HEADERS.contains(lower) && !lower.equals(":status") && !lower.equals("date")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            if (response.statusCode() == 200) {
                onSuccess.accept(operation, body);
            }
            byte[] out = response.body();
            exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    private static String operation(HttpExchange exchange, byte[] body) {
        String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (amzTarget != null) {
            int dot = amzTarget.lastIndexOf('.');
            return dot < 0 ? amzTarget : amzTarget.substring(dot + 1);
        }
        String form = new String(body, StandardCharsets.UTF_8);
        for (String pair : form.split("&")) {
            if (pair.startsWith("Action=")) {
                return URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
            }
        }
        return exchange.getRequestMethod() + " (other)";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
