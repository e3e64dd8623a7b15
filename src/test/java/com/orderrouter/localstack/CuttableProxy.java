package com.orderrouter.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback TCP proxy in front of one server that a test can cut and heal, as a network outage looks to a client:
 * {@link #cut()} resets every open connection (TCP RST) and, until {@link #heal()}, resets each new one as soon as its
 * request head has arrived. While cut it counts those requests per AWS operation (from {@code X-Amz-Target}), so a test
 * can tell how many requests a client made during the outage.
 */
public final class CuttableProxy implements AutoCloseable {

    private static final Pattern TARGET = Pattern.compile("(?im)^X-Amz-Target:\\s*\\S*?\\.?(\\w+)\\s*$");

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cuttable-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    private volatile boolean cut;

    /** @param targetEndpoint the server's http://host:port */
    public CuttableProxy(String targetEndpoint) {
        URI uri = URI.create(targetEndpoint);
        target = new InetSocketAddress(uri.getHost(), uri.getPort());
        try {
            server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::accept);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Resets every open connection, and every new one until {@link #heal()}. */
    public void cut() {
        refused.clear();
        cut = true;
        open.forEach(CuttableProxy::reset);
    }

    public void heal() {
        cut = false;
    }

    /** Requests per operation refused during the last (or current) cut. */
    public Map<String, Long> refusedRequests() {
        Map<String, Long> copy = new TreeMap<>();
        refused.forEach((operation, n) -> copy.put(operation, n.sum()));
        return copy;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> handle(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(Socket client) {
        if (cut) {
            refuse(client);
            return;
        }
        try {
            Socket upstream = new Socket(target.getAddress(), target.getPort());
            open.add(client);
            open.add(upstream);
            threads.execute(() -> pipe(upstream, client));
            pipe(client, upstream);
        } catch (IOException e) {
            reset(client);
        }
    }

    /** Reads the request head (to count its operation), then resets the connection. */
    private void refuse(Socket client) {
        try {
            client.setSoTimeout(2_000);
            InputStream in = client.getInputStream();
            StringBuilder head = new StringBuilder();
            byte[] buffer = new byte[4096];
            int n;
            while (head.indexOf("\r\n\r\n") < 0 && (n = in.read(buffer)) > 0) {
                head.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
            Matcher operation = TARGET.matcher(head);
            refused.computeIfAbsent(operation.find() ? operation.group(1) : "other", k -> new LongAdder()).increment();
        } catch (IOException e) {
            refused.computeIfAbsent("other", k -> new LongAdder()).increment();
        }
        reset(client);
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the other side closed or was reset
        } finally {
            reset(from);
            reset(to);
            open.remove(from);
            open.remove(to);
        }
    }

    /** Closes with SO_LINGER 0, so the peer sees a TCP RST ("Connection reset"), not an orderly close. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed
        }
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(CuttableProxy::reset);
        threads.shutdownNow();
    }
}
