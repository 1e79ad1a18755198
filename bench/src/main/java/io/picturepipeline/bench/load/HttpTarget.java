package io.picturepipeline.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Submits generations over HTTP with the JDK client (HTTP/1.1, pooled keep-alive connections): to this pipeline's
 * {@code POST /api/v1/generations} with a bearer token per user, or to the seeds' {@code start-generation}. The
 * generation id is read from the JSON answer ({@code id} or {@code generation_id}).
 */
public final class HttpTarget implements Target, AutoCloseable {

    /** More requests than this unanswered at once: the client itself would be the bottleneck; count as refused. */
    static final int MAX_OUTSTANDING = 4_000;

    private static final Pattern ID = Pattern.compile("\"(?:id|generation_id)\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

    private final URI uri;
    private final List<String> tokens;
    private final LongFunction<String> body;
    private final ExecutorService executor;
    private final HttpClient http;
    private final AtomicInteger outstanding = new AtomicInteger();

    /**
     * @param tokens bearer tokens used round-robin by submission number (empty: no Authorization header)
     * @param body the JSON body of submission {@code seq}
     */
    public HttpTarget(URI uri, List<String> tokens, LongFunction<String> body) {
        this.uri = uri;
        this.tokens = List.copyOf(tokens);
        this.body = body;
        this.executor = Executors.newFixedThreadPool(4, daemon("bench-http"));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
    }

    @Override
    public void submit(long seq, long intendedNanos, RunRecorder recorder) {
        recorder.sent();
        if (outstanding.get() >= MAX_OUTSTANDING) {
            recorder.rejected(intendedNanos, System.nanoTime(), "client: " + MAX_OUTSTANDING + " requests unanswered");
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.apply(seq)));
        if (!tokens.isEmpty()) {
            request.header("Authorization", "Bearer " + tokens.get((int) (seq % tokens.size())));
        }
        outstanding.incrementAndGet();
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            long now = System.nanoTime();
            outstanding.decrementAndGet();
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                recorder.rejected(
                        intendedNanos,
                        now,
                        cause instanceof HttpTimeoutException
                                ? "timeout"
                                : "io: " + cause.getClass().getSimpleName());
                return;
            }
            int status = response.statusCode();
            Matcher id = ID.matcher(response.body());
            if (status / 100 == 2 && id.find()) {
                recorder.accepted(id.group(1), intendedNanos, now);
            } else {
                recorder.rejected(intendedNanos, now, "http " + status);
            }
        });
    }

    @Override
    public int outstandingRequests() {
        return outstanding.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
