package io.picturepipeline.faults;

import io.picturepipeline.faults.Ledger.Outcome;
import io.picturepipeline.faults.Ledger.Submission;
import io.picturepipeline.infra.DemoTokens;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submits generations through the REST API as many users (at most {@link #PER_USER} each, under the per-user rate
 * limit), and writes what the client saw into the {@link Ledger}. Every prompt carries a nonce, so a stored request
 * can be traced back to the submission that made it, whatever answer the client got.
 */
public final class LoadDriver {

    /** Submissions per user: under the ingest-api's per-user limit of 20 an hour. */
    public static final int PER_USER = 10;

    public static final String MODEL = "bytedance/sdxl-lightning-4step";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration REFUSED_RETRY_FOR = Duration.ofMinutes(3);

    private final Supplier<String> apiUrl;
    private final String jwtSecret;
    private final Ledger ledger;
    private final String scenario;
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final AtomicInteger sequence = new AtomicInteger();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();

    public LoadDriver(Supplier<String> apiUrl, String jwtSecret, Ledger ledger, String scenario) {
        this.apiUrl = apiUrl;
        this.jwtSecret = jwtSecret;
        this.ledger = ledger;
        this.scenario = scenario;
    }

    /** One submission, recorded in the ledger. */
    public Submission submit() {
        int n = sequence.getAndIncrement();
        String user = "fs-" + scenario + "-" + run + "-u" + (n / PER_USER);
        String nonce = scenario + "-" + run + "-" + n;
        int numOutputs = n % 5 == 4 ? 2 : 1;
        String body = "{\"prompt\": \"fault suite " + scenario + " fsn-" + nonce + "\", \"model\": \"" + MODEL
                + "\", \"width\": 256, \"height\": 256, \"steps\": 4, \"seed\": " + n + ", \"numOutputs\": "
                + numOutputs + "}";
        String token = tokens.computeIfAbsent(user, u -> DemoTokens.mint(jwtSecret, u, Duration.ofHours(6)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl.get() + "/api/v1/generations"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        Instant at = Instant.now();
        Submission submission;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                JsonNode json = JSON.readTree(response.body());
                submission = new Submission(
                        scenario,
                        nonce,
                        user,
                        numOutputs,
                        Outcome.ACCEPTED,
                        202,
                        UUID.fromString(json.path("id").asString()),
                        "",
                        at);
            } else {
                submission = new Submission(
                        scenario,
                        nonce,
                        user,
                        numOutputs,
                        Outcome.REJECTED,
                        response.statusCode(),
                        null,
                        abbreviate(response.body()),
                        at);
            }
        } catch (ConnectException | HttpConnectTimeoutException refused) {
            submission =
                    new Submission(scenario, nonce, user, numOutputs, Outcome.REFUSED, 0, null, refused.toString(), at);
        } catch (IOException broken) {
            submission =
                    new Submission(scenario, nonce, user, numOutputs, Outcome.IN_DOUBT, 0, null, broken.toString(), at);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            submission = new Submission(scenario, nonce, user, numOutputs, Outcome.IN_DOUBT, 0, null, e.toString(), at);
        }
        ledger.record(submission);
        return submission;
    }

    /**
     * Submits {@code count} generations at about {@code perSecond} from {@code threads} threads, in the background;
     * the future completes when every submission has an outcome. A refused connection is retried (as a new
     * submission) every 500 ms for up to 3 minutes, as a client would while the API restarts.
     */
    public Run start(int count, double perSecond, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "load-" + scenario);
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger issued = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        AtomicBoolean stopped = new AtomicBoolean();
        long start = System.nanoTime();
        long interval = (long) (1_000_000_000L / perSecond);
        CompletableFuture<?>[] workers = new CompletableFuture<?>[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = CompletableFuture.runAsync(
                    () -> {
                        int i;
                        while (!stopped.get() && (i = issued.getAndIncrement()) < count) {
                            long due = start + i * interval;
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                sleepNanos(wait);
                            }
                            Submission submission = submit();
                            // a client retries a refused connection (the API restarting); each try is recorded
                            long giveUp = System.nanoTime() + REFUSED_RETRY_FOR.toNanos();
                            while (submission.outcome() == Outcome.REFUSED && System.nanoTime() < giveUp) {
                                sleepNanos(TimeUnit.MILLISECONDS.toNanos(500));
                                submission = submit();
                            }
                            if (submission.outcome() == Outcome.ACCEPTED) {
                                accepted.incrementAndGet();
                            }
                        }
                    },
                    pool);
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(workers).whenComplete((v, e) -> pool.shutdown());
        return new Run(all, issued, accepted, count, stopped);
    }

    /** A load run in progress. */
    public record Run(
            CompletableFuture<Void> done, AtomicInteger issued, AtomicLong accepted, int count, AtomicBoolean stopped) {

        /** Submits nothing more; what is under way finishes. */
        public void stop() {
            stopped.set(true);
        }

        /** Waits for every submission to have an outcome. */
        public void await(Duration timeout) {
            try {
                done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the load run did not finish within " + timeout, e);
            }
        }

        public int submitted() {
            return Math.min(issued.get(), count);
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
