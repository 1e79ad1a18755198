package io.picturepipeline.bench.sse;

import io.picturepipeline.bench.load.HttpTarget;
import io.picturepipeline.bench.load.OpenLoop;
import io.picturepipeline.bench.load.RunRecorder;
import io.picturepipeline.bench.measure.LifecycleWatcher;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * SSE delivery latency: opens {@code streams} per-user event streams ({@code GET /api/v1/events}, one user each),
 * submits generations for those users at a steady rate, and for every event a client receives takes the time from
 * the event's production (the timestamp of its record on the lifecycle topic, as the benchmark's watcher saw it) to
 * its arrival at the client. Both clocks are this machine's.
 */
public final class SseProbe {

    public static final String USER_STREAM = "/api/v1/events";

    private static final Pattern UUID_IN = Pattern.compile(
            "\"(?:generationId|generation_id|id)\"\\s*:\\s*\"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\"");
    private static final Pattern TYPE_IN = Pattern.compile("\"type\"\\s*:\\s*\"([A-Za-z]+)\"");
    private static final Pattern OCCURRED_IN = Pattern.compile("\"occurredAt\"\\s*:\\s*\"([^\"]+)\"");

    /** One event as a client received it. */
    public record Received(String generationId, String type, long receivedEpochMillis, long occurredEpochMillis) {}

    public record Outcome(int open, long events, long matched, Histogram deliveryMicros, String status) {}

    /** Why streams did not open: HTTP statuses and exception classes, with counts. */
    private static final class Refusals {
        private final java.util.Map<String, AtomicInteger> reasons = new java.util.concurrent.ConcurrentHashMap<>();

        void add(String reason) {
            reasons.computeIfAbsent(reason, k -> new AtomicInteger()).incrementAndGet();
        }

        int total() {
            return reasons.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        @Override
        public String toString() {
            return new java.util.TreeMap<>(reasons).toString();
        }
    }

    private SseProbe() {}

    /** Whether the ingest-api serves the per-user stream at all (a 404 means the endpoint has not landed). */
    public static boolean available(String apiUrl, String token) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        try {
            HttpResponse<InputStream> response = http.send(
                    HttpRequest.newBuilder(URI.create(apiUrl + USER_STREAM))
                            .header("Authorization", "Bearer " + token)
                            .header("Accept", "text/event-stream")
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode() == 200
                    && response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
        } catch (Exception e) {
            return false;
        }
    }

    public static Outcome run(
            String apiUrl,
            List<String> tokens,
            double rate,
            Duration duration,
            LifecycleWatcher watcher,
            LongFunction<String> body,
            Runnable afterOpen) {
        watcher.rememberProducedTimes(true);
        ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
        OpenStreams streams = open(apiUrl, tokens, received);
        afterOpen.run();
        received.clear();
        try (HttpTarget target = new HttpTarget(URI.create(apiUrl + "/api/v1/generations"), tokens, body)) {
            OpenLoop loop = new OpenLoop(rate, duration);
            long start = System.nanoTime() + 100_000_000L;
            RunRecorder recorder = new RunRecorder(start, (int) duration.toSeconds() + 30);
            long[] seq = {0};
            loop.run(OpenLoop.Clock.SYSTEM, start, intended -> target.submit(seq[0]++, intended, recorder));
            sleep(10_000); // let the last generations finish and reach the streams
        }
        streams.close();
        Histogram delivery = new Histogram(3_600_000_000L, 3);
        long matched = 0;
        for (Received r : received) {
            Long produced = watcher.producedAt(r.generationId(), r.type());
            long from = produced != null ? produced : r.occurredEpochMillis();
            if (from > 0) {
                delivery.recordValue(Math.max(1, (r.receivedEpochMillis() - from) * 1_000));
                matched++;
            }
        }
        watcher.rememberProducedTimes(false);
        return new Outcome(streams.open(), received.size(), matched, delivery, streams.status());
    }

    /**
     * Opens one per-user stream for each of {@code tokens} (at most 200 at a time, 100 ms apart) and waits up to 60 s
     * until each has answered or failed; the events they receive go to {@code received}.
     */
    public static OpenStreams open(String apiUrl, List<String> tokens, ConcurrentLinkedQueue<Received> received) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        OpenStreams streams = new OpenStreams(tokens.size());
        for (String token : tokens) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + USER_STREAM))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream")
                    .build();
            streams.responses.add(http.sendAsync(request, info -> {
                        if (info.statusCode() == 200) {
                            streams.open.incrementAndGet();
                        } else {
                            streams.refused.add("http " + info.statusCode());
                        }
                        return HttpResponse.BodySubscribers.fromLineSubscriber(new EventParser(received));
                    })
                    .exceptionally(e -> {
                        Throwable cause = e.getCause() != null ? e.getCause() : e;
                        if (!(cause instanceof java.util.concurrent.CancellationException)) {
                            streams.refused.add(cause.getClass().getSimpleName());
                        }
                        return null;
                    }));
            if (streams.responses.size() % 200 == 0) {
                sleep(100); // do not open thousands of connections in one burst
            }
        }
        long openDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (streams.open() + streams.refused.total() < tokens.size() && System.nanoTime() < openDeadline) {
            sleep(200);
        }
        return streams;
    }

    /** Streams opened by {@link #open}: how many answered 200, why the others did not; {@link #close} ends them. */
    public static final class OpenStreams implements AutoCloseable {
        private final int asked;
        private final List<CompletableFuture<?>> responses = new ArrayList<>();
        private final AtomicInteger open = new AtomicInteger();
        private final Refusals refused = new Refusals();

        private OpenStreams(int asked) {
            this.asked = asked;
        }

        public int open() {
            return open.get();
        }

        public String status() {
            return open() + " of " + asked + " streams open" + (refused.total() > 0 ? ", not opened: " + refused : "");
        }

        @Override
        public void close() {
            responses.forEach(s -> s.cancel(true));
        }
    }

    /** Splits the text/event-stream lines into events; keeps the generation id, type and arrival time of each. */
    static final class EventParser implements Flow.Subscriber<String> {
        private final ConcurrentLinkedQueue<Received> sink;
        private final StringBuilder data = new StringBuilder();
        private String event = "";

        EventParser(ConcurrentLinkedQueue<Received> sink) {
            this.sink = sink;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.isEmpty()) {
                dispatch(Instant.now().toEpochMilli());
            } else if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).trim());
            }
        }

        void dispatch(long now) {
            if (data.length() > 0) {
                String json = data.toString();
                Matcher id = UUID_IN.matcher(json);
                Matcher type = TYPE_IN.matcher(json);
                Matcher occurred = OCCURRED_IN.matcher(json);
                String eventType = type.find() ? type.group(1) : event;
                long occurredAt = 0;
                if (occurred.find()) {
                    try {
                        occurredAt = Instant.parse(occurred.group(1)).toEpochMilli();
                    } catch (RuntimeException ignored) {
                        // not an instant
                    }
                }
                if (id.find() && !eventType.isEmpty()) {
                    sink.add(new Received(id.group(1), eventType, now, occurredAt));
                }
            }
            data.setLength(0);
            event = "";
        }

        @Override
        public void onError(Throwable throwable) {}

        @Override
        public void onComplete() {}
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
