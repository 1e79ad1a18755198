package io.picturepipeline.provider.local;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A tiny webhook endpoint for tests; the first {@code failuresBeforeSuccess} deliveries get a 500. */
final class WebhookReceiver implements AutoCloseable {

    /** One received webhook request. */
    record Delivery(Headers headers, byte[] body) {}

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft;

    WebhookReceiver(int failuresBeforeSuccess) {
        this.failuresLeft = new AtomicInteger(failuresBeforeSuccess);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean fail = failuresLeft.getAndDecrement() > 0;
            if (!fail) {
                deliveries.add(new Delivery(exchange.getRequestHeaders(), body));
            }
            exchange.sendResponseHeaders(fail ? 500 : 204, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Delivery> deliveries() {
        return deliveries;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
