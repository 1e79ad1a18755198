package io.picturepipeline.bench.baseline;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The seeds' system as one process, for the benchmark: the {@code start-generation} edge function (insert the
 * generation record, {@code enqueue_job('generate-image', ...)}, answer at once) behind a small HTTP server, and the
 * {@code process-jobs} worker ({@link SeedWorker}), woken either as the seeds wake it or continuously:
 *
 * <ul>
 *   <li>{@code mode=cadence}: every {@code interval} (pg_cron's {@code '* * * * *'}: 60 s) an invocation claims and
 *       processes {@code parallel} jobs at once ({@code MAX_PARALLEL_JOBS = 3}) and waits for all of them. Like
 *       pg_cron, the timer does not wait for the previous invocation.
 *   <li>{@code mode=tuned}: {@code workers} threads each claim a job as soon as they are free; an empty claim sleeps
 *       {@code idle} before the next.
 * </ul>
 *
 * <p>Not in the seeds, for measuring only: {@code GET /completions?after=N} lists finished generations (id, epoch
 * micros, ok) from the N-th on, and {@code GET /stats} the worker's counters.
 *
 * <p>Arguments are {@code key=value}: {@code jdbc}, {@code provider}, {@code store}, {@code port}, {@code mode},
 * {@code workers}, {@code parallel}, {@code interval}, {@code first-wake}, {@code idle}.
 */
public final class BaselineApp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<String> completions = new ArrayList<>();
    private final AtomicLong wakes = new AtomicLong();
    private final Instant started = Instant.now();
    private final HikariDataSource db;
    private final SeedWorker worker;

    private BaselineApp(HikariDataSource db, SeedWorker.Factory factory) {
        this.db = db;
        this.worker = factory.create(this::finished);
    }

    public static void main(String[] argv) throws IOException {
        Map<String, String> args = new HashMap<>();
        for (String arg : argv) {
            int eq = arg.indexOf('=');
            args.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        String mode = args.getOrDefault("mode", "cadence");
        int workers = Integer.parseInt(args.getOrDefault("workers", "3"));
        int parallel = Integer.parseInt(args.getOrDefault("parallel", "3"));
        Duration interval = Duration.parse(args.getOrDefault("interval", "PT60S"));
        Duration firstWake = Duration.parse(args.getOrDefault("first-wake", "PT5S"));
        Duration idle = Duration.parse(args.getOrDefault("idle", "PT0.1S"));
        int front = 16;

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args.get("jdbc"));
        config.setUsername("postgres");
        config.setPassword("postgres");
        config.setMaximumPoolSize(front + Math.min(mode.equals("tuned") ? workers : parallel * 4, 48));
        config.setPoolName("seeds");
        HikariDataSource db = new HikariDataSource(config);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        Path store = Path.of(args.get("store"));
        BaselineApp app =
                new BaselineApp(db, finished -> new SeedWorker(db, http, args.get("provider"), store, finished));

        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args.get("port"))), 1024);
        server.setExecutor(Executors.newFixedThreadPool(front));
        server.createContext("/start-generation", app::startGeneration);
        server.createContext("/completions", app::completions);
        server.createContext("/stats", app::stats);
        server.createContext("/health", exchange -> respond(exchange, 200, "UP"));
        server.start();

        if (mode.equals("cadence")) {
            app.runCadence(interval, firstWake, parallel);
        } else if (mode.equals("tuned")) {
            app.runTuned(workers, idle);
        } else {
            throw new IllegalArgumentException("mode is cadence or tuned, not " + mode);
        }
        System.out.println("seeds baseline up: mode=" + mode + " workers=" + workers + " parallel=" + parallel);
    }

    private void runCadence(Duration interval, Duration firstWake, int parallel) {
        ScheduledExecutorService cron = Executors.newSingleThreadScheduledExecutor();
        ExecutorService invocations = Executors.newCachedThreadPool();
        cron.scheduleAtFixedRate(
                () -> invocations.execute(() -> {
                    wakes.incrementAndGet();
                    // process-jobs: claim and process MAX_PARALLEL_JOBS jobs at once, then return
                    CompletableFuture<?>[] jobs = new CompletableFuture<?>[parallel];
                    for (int i = 0; i < parallel; i++) {
                        jobs[i] = CompletableFuture.runAsync(worker::claimAndProcessJob, invocations);
                    }
                    CompletableFuture.allOf(jobs).exceptionally(e -> null).join();
                }),
                firstWake.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void runTuned(int workers, Duration idle) {
        for (int i = 0; i < workers; i++) {
            Thread thread = new Thread(
                    () -> {
                        while (true) {
                            try {
                                if (!worker.claimAndProcessJob()) {
                                    Thread.sleep(idle.toMillis());
                                }
                            } catch (InterruptedException e) {
                                return;
                            } catch (RuntimeException e) {
                                sleepQuietly(idle);
                            }
                        }
                    },
                    "seeds-worker-" + i);
            thread.start();
        }
    }

    /** The start-generation edge function: generation record, enqueue, immediate answer. */
    private void startGeneration(HttpExchange exchange) throws IOException {
        try {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            UUID generation = UUID.randomUUID();
            try (Connection c = db.getConnection()) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO image_generations (id, user_id, prompt, model_id, width, height, status)"
                                + " VALUES (?, ?, ?, ?, ?, ?, 'queued')")) {
                    insert.setObject(1, generation);
                    insert.setString(2, body.path("user_id").asString());
                    insert.setString(3, body.path("prompt").asString());
                    insert.setString(4, body.path("model_id").asString());
                    insert.setInt(5, body.path("width").asInt());
                    insert.setInt(6, body.path("height").asInt());
                    insert.executeUpdate();
                }
                ObjectNode payload = ((ObjectNode) body.deepCopy()).put("generation_id", generation.toString());
                UUID job = SeedQueue.enqueue(c, SeedQueue.GENERATE, JSON.writeValueAsString(payload));
                respond(
                        exchange,
                        200,
                        JSON.writeValueAsString(JSON.createObjectNode()
                                .put("success", true)
                                .put("generation_id", generation.toString())
                                .put("job_id", job.toString())
                                .put("status", "queued")));
            }
        } catch (SQLException | RuntimeException e) {
            respond(
                    exchange,
                    500,
                    "{\"success\":false,\"error\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    private void finished(UUID generation, boolean ok) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        synchronized (completions) {
            completions.add(generation + " " + micros + " " + (ok ? 1 : 0));
        }
    }

    private void completions(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        int after = query != null && query.startsWith("after=") ? Integer.parseInt(query.substring(6)) : 0;
        StringBuilder out = new StringBuilder();
        synchronized (completions) {
            for (int i = after; i < completions.size(); i++) {
                out.append(completions.get(i)).append('\n');
            }
        }
        respond(exchange, 200, out.toString());
    }

    private void stats(HttpExchange exchange) throws IOException {
        ObjectNode stats = JSON.createObjectNode()
                .put("uptimeSeconds", Duration.between(started, Instant.now()).toMillis() / 1000.0)
                .put("wakes", wakes.get())
                .put("predictionsInFlight", worker.predictionsInFlight())
                .put("maxPredictionsInFlight", worker.maxPredictionsInFlight())
                .put("jobsDone", worker.jobsDone())
                .put("jobAttemptsFailed", worker.jobsFailedAttempts())
                .put("emptyClaims", worker.emptyClaims());
        respond(exchange, 200, JSON.writeValueAsString(stats));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
