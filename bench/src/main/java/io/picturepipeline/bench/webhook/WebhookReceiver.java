package io.picturepipeline.bench.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bench's client webhook endpoint: one loopback HTTP server, registered for every bench user, that answers 204 at
 * once and keeps, for every {@code generation.completed}, the time from the event ({@code timestamp} of the payload:
 * {@code GenerationCompleted.occurredAt}, stamped by the download-consumer) to its arrival. Same machine, same clock.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final Pattern COMPLETED =
            Pattern.compile("\"type\":\"generation\\.completed\",\"timestamp\":\"([^\"]+)\"");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "bench-webhook-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Long> latenciesMs = new ArrayList<>();
    private long others;

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        WebhookReceiver receiver = new WebhookReceiver(server);
        server.setExecutor(receiver.threads);
        server.createContext("/hook", receiver::receive);
        server.start();
        return receiver;
    }

    /** The exact {@code host:port} the ingest-api must trust ({@code pipeline.ingest.webhooks.trusted-hosts}). */
    public String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Registers this receiver for every user of {@code tokens} (terminal events); returns how many were registered. */
    public int registerAll(String apiUrl, List<String> tokens) throws Exception {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String body = "{\"url\": \"http://" + hostPort() + "/hook\", \"events\": \"terminal\"}";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String token : tokens) {
                answers.add(pool.submit(() -> client.send(
                                HttpRequest.newBuilder(URI.create(apiUrl + "/api/v1/webhooks"))
                                        .timeout(Duration.ofSeconds(30))
                                        .header("Authorization", "Bearer " + token)
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode()));
            }
            int created = 0;
            for (Future<Integer> answer : answers) {
                created += answer.get() == 201 ? 1 : 0;
            }
            return created;
        } finally {
            pool.shutdownNow();
        }
    }

    public synchronized void reset() {
        latenciesMs.clear();
        others = 0;
    }

    public synchronized int completions() {
        return latenciesMs.size();
    }

    /** p50, p99 and max of the completions received since the last {@link #reset}. */
    public synchronized String summary() {
        if (latenciesMs.isEmpty()) {
            return "no generation.completed webhook arrived";
        }
        List<Long> sorted = latenciesMs.stream().sorted().toList();
        return String.format(
                Locale.ROOT,
                "%d generation.completed webhooks (and %d other requests): latency from the event to the receiver"
                        + " p50 %d ms, p99 %d ms, max %d ms",
                sorted.size(),
                others,
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                sorted.get(sorted.size() - 1));
    }

    private static long percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private void receive(HttpExchange exchange) throws IOException {
        Instant at = Instant.now();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
        Matcher completed = COMPLETED.matcher(body);
        synchronized (this) {
            if (completed.find()) {
                latenciesMs.add(
                        Duration.between(Instant.parse(completed.group(1)), at).toMillis());
            } else {
                others++;
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
