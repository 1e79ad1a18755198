package io.picturepipeline.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server from the JDK for tests: routes by path prefix, counts every request per path, and can hold
 * requests forever (until {@link #close()}) to play a server that never answers.
 */
final class TestHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-http-server");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final AtomicInteger totalHits = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);

    private TestHttpServer(InetSocketAddress address) {
        try {
            server = HttpServer.create(address, 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            totalHits.incrementAndGet();
            hits.computeIfAbsent(exchange.getRequestURI().getPath(), path -> new AtomicInteger())
                    .incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
    }

    /** Listens on 127.0.0.1 only. */
    static TestHttpServer onLoopback() {
        return new TestHttpServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /**
     * Listens on every local address (IPv4 and IPv6), so a request to any loopback spelling reaches it: the canary
     * whose hit count proves that a refused request never left the client.
     */
    static TestHttpServer canary() {
        return new TestHttpServer(new InetSocketAddress(0));
    }

    /** Serves {@code handler} for every path starting with {@code prefix}, counting the hits. */
    TestHttpServer route(String prefix, HttpHandler handler) {
        server.createContext(prefix, exchange -> {
            totalHits.incrementAndGet();
            hits.computeIfAbsent(exchange.getRequestURI().getPath(), path -> new AtomicInteger())
                    .incrementAndGet();
            try {
                handler.handle(exchange);
            } finally {
                exchange.close();
            }
        });
        return this;
    }

    int port() {
        return server.getAddress().getPort();
    }

    String hostPort() {
        return "127.0.0.1:" + port();
    }

    String url(String path) {
        return "http://" + hostPort() + path;
    }

    int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    int totalHits() {
        return totalHits.get();
    }

    /** A handler that answers nothing until the server is closed. */
    HttpHandler hanging() {
        return exchange -> awaitRelease();
    }

    void awaitRelease() {
        try {
            released.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static HttpHandler respond(int status, String contentType, byte[] body, String... headers) {
        return exchange -> send(exchange, status, contentType, body, headers);
    }

    static HttpHandler redirect(int status, String location) {
        return exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(status, -1);
        };
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body, String... headers)
            throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            exchange.getResponseHeaders().set(headers[i], headers[i + 1]);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
