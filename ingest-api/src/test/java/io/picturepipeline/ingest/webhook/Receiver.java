package io.picturepipeline.ingest.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Client webhook receivers on loopback, one HTTP server per JVM: each receiver is a path {@code /hooks/<name>} with a
 * script of answers (statuses in turn, the last repeating) or a hang, and keeps what it received. {@link #TRUSTED}'s
 * exact {@code host:port} is the test context's only SSRF allowance; {@link #UNTRUSTED} has none.
 */
public final class Receiver {

    public static final Receiver TRUSTED = new Receiver();
    static final Receiver UNTRUSTED = new Receiver();

    record Received(String webhookId, String timestamp, String signature, String body, Instant at) {}

    private final HttpServer server;
    private final Map<String, List<Integer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);

    private Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "webhook-receiver");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/hooks/", this::receive);
        server.start();
    }

    public String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new receiver answering {@code statuses} in turn (the last one from then on); none: it hangs. */
    public String receiver(String name, Integer... statuses) {
        scripts.put(name, List.of(statuses));
        received.put(name, new CopyOnWriteArrayList<>());
        return "http://" + hostPort() + "/hooks/" + name;
    }

    List<Received> received(String name) {
        return List.copyOf(received.getOrDefault(name, List.of()));
    }

    private void receive(HttpExchange exchange) throws IOException {
        Instant at = Instant.now();
        String name = exchange.getRequestURI().getPath().substring("/hooks/".length());
        byte[] body = exchange.getRequestBody().readAllBytes();
        List<Received> log = received.computeIfAbsent(name, any -> new CopyOnWriteArrayList<>());
        log.add(new Received(
                exchange.getRequestHeaders().getFirst("webhook-id"),
                exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                exchange.getRequestHeaders().getFirst("webhook-signature"),
                new String(body, StandardCharsets.UTF_8),
                at));
        List<Integer> script = scripts.getOrDefault(name, List.of(404));
        if (script.isEmpty()) {
            try {
                released.await(20, TimeUnit.SECONDS); // hangs past every timeout of the sender
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = script.isEmpty() ? 200 : script.get(Math.min(log.size(), script.size()) - 1);
        if (status == 204) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            byte[] answer = ("answer " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        }
        exchange.close();
    }
}
