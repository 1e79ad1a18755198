package io.picturepipeline.bench.baseline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The seeds' process-jobs worker (../shared/seeds/003_a4ada747daaad7e7.txt), step for step: claim with
 * {@code claim_next_job()}, run the job, finish it with {@code complete_job()}.
 *
 * <ul>
 *   <li>{@code generate-image}: generation → processing; create the prediction at the provider and poll it every 2 s
 *       until it ends (the seeds: "Wait for Replicate completion (polls every 2 seconds)"; we sleep first, then poll,
 *       as Replicate's own examples do); enqueue {@code download-image} with the output URL; generation →
 *       downloading; complete the job. On error: generation → failed, complete the job with the error (it retries
 *       while attempts remain).
 *   <li>{@code download-image}: fetch the output, store it (the filesystem stands in for Supabase Storage), insert the
 *       {@code images} row, generation → completed, complete the job. On error: complete with the error; on the last
 *       attempt the generation → failed.
 * </ul>
 *
 * A job may take at most {@code JOB_TIMEOUT_MS} = 10 minutes, as in the seeds. Each SQL statement is its own
 * transaction, as the edge function's separate supabase-js calls are.
 */
public final class SeedWorker {

    static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
    static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DataSource db;
    private final HttpClient http;
    private final String providerUrl;
    private final Path store;
    private final BiConsumer<UUID, Boolean> generationFinished;
    private final AtomicInteger predictionsInFlight = new AtomicInteger();
    private final AtomicInteger maxPredictionsInFlight = new AtomicInteger();
    private final AtomicLong jobsDone = new AtomicLong();
    private final AtomicLong jobsFailedAttempts = new AtomicLong();
    private final AtomicLong emptyClaims = new AtomicLong();

    /** Builds a worker around the callback that learns of each finished generation. */
    public interface Factory {
        SeedWorker create(BiConsumer<UUID, Boolean> finished);
    }

    public SeedWorker(
            DataSource db, HttpClient http, String providerUrl, Path store, BiConsumer<UUID, Boolean> finished) {
        this.db = db;
        this.http = http;
        this.providerUrl = providerUrl;
        this.store = store;
        this.generationFinished = finished;
    }

    /** {@code claimAndProcessJob}: claims one job and runs it; false when the queue had none. */
    public boolean claimAndProcessJob() {
        Optional<SeedQueue.Job> claimed;
        try (Connection c = db.getConnection()) {
            claimed = SeedQueue.claim(c);
        } catch (SQLException e) {
            throw new IllegalStateException("claim_next_job failed", e);
        }
        if (claimed.isEmpty()) {
            emptyClaims.incrementAndGet();
            return false;
        }
        SeedQueue.Job job = claimed.get();
        Instant deadline = Instant.now().plus(JOB_TIMEOUT);
        try {
            String result = switch (job.jobType()) {
                case SeedQueue.GENERATE -> generate(job, deadline);
                case SeedQueue.DOWNLOAD -> download(job);
                default -> throw new IllegalArgumentException("Unknown job type: " + job.jobType());
            };
            complete(job.id(), result, null);
            jobsDone.incrementAndGet();
        } catch (Exception e) {
            jobsFailedAttempts.incrementAndGet();
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            try {
                JsonNode payload = JSON.readTree(job.payload());
                UUID generation = UUID.fromString(payload.path("generation_id").asString());
                if (job.jobType().equals(SeedQueue.GENERATE) || job.attemptNumber() >= job.maxAttempts()) {
                    status(generation, "failed", message);
                }
                if (job.attemptNumber() >= job.maxAttempts()) {
                    generationFinished.accept(generation, false);
                }
                complete(job.id(), null, message);
            } catch (RuntimeException | SQLException ignored) {
                // the job stays 'processing': the seeds' stuck_jobs view would show it
            }
        }
        return true;
    }

    private String generate(SeedQueue.Job job, Instant deadline) throws Exception {
        JsonNode p = JSON.readTree(job.payload());
        UUID generation = UUID.fromString(p.path("generation_id").asString());
        status(generation, "processing", null);
        ObjectNode input = JSON.createObjectNode()
                .put("prompt", p.path("prompt").asString())
                .put("width", p.path("width").asInt())
                .put("height", p.path("height").asInt())
                .put("num_inference_steps", p.path("num_inference_steps").asInt());
        if (p.has("seed")) {
            input.put("seed", p.path("seed").asLong());
        }
        String body = JSON.writeValueAsString(JSON.createObjectNode().set("input", input));
        JsonNode prediction = call(HttpRequest.newBuilder(URI.create(
                        providerUrl + "/v1/models/" + p.path("model_id").asString() + "/predictions"))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        String id = prediction.path("id").asString();
        int now = predictionsInFlight.incrementAndGet();
        maxPredictionsInFlight.accumulateAndGet(now, Math::max);
        try {
            while (!terminal(prediction.path("status").asString())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Job timeout");
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
                prediction = call(HttpRequest.newBuilder(URI.create(providerUrl + "/v1/predictions/" + id))
                        .GET());
            }
        } finally {
            predictionsInFlight.decrementAndGet();
        }
        if (!prediction.path("status").asString().equals("succeeded")) {
            throw new IllegalStateException(
                    "Generation failed: " + prediction.path("error").asString("unknown error"));
        }
        String outputUrl = prediction.path("output").path(0).asString();
        ObjectNode download = JSON.createObjectNode()
                .put("generation_id", generation.toString())
                .put("user_id", p.path("user_id").asString())
                .put("output_url", outputUrl)
                .put("format", "png")
                .put("width", p.path("width").asInt())
                .put("height", p.path("height").asInt())
                .put("prompt", p.path("prompt").asString())
                .put("model_id", p.path("model_id").asString());
        try (Connection c = db.getConnection()) {
            SeedQueue.enqueue(c, SeedQueue.DOWNLOAD, JSON.writeValueAsString(download));
        }
        status(generation, "downloading", null);
        return JSON.writeValueAsString(
                JSON.createObjectNode().put("prediction_id", id).put("output_url", outputUrl));
    }

    private String download(SeedQueue.Job job) throws Exception {
        JsonNode p = JSON.readTree(job.payload());
        UUID generation = UUID.fromString(p.path("generation_id").asString());
        HttpResponse<byte[]> image = http.send(
                HttpRequest.newBuilder(URI.create(p.path("output_url").asString()))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (image.statusCode() != 200) {
            throw new IllegalStateException("Failed to download image: " + image.statusCode());
        }
        Path file = store.resolve(generation.toString()).resolve("0.png");
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "upload", ".tmp");
        Files.write(temp, image.body());
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (Connection c = db.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO images (generation_id, user_id, storage_path, width, height) VALUES (?, ?, ?, ?, ?)")) {
            insert.setObject(1, generation);
            insert.setString(2, p.path("user_id").asString());
            insert.setString(3, store.relativize(file).toString());
            insert.setInt(4, p.path("width").asInt());
            insert.setInt(5, p.path("height").asInt());
            insert.executeUpdate();
        }
        status(generation, "completed", null);
        generationFinished.accept(generation, true);
        return JSON.writeValueAsString(JSON.createObjectNode().put("storage_path", file.toString()));
    }

    private void status(UUID generation, String status, String error) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement update = c.prepareStatement(
                        "UPDATE image_generations SET status = ?, error_message = ?,"
                                + " completed_at = CASE WHEN ? IN ('completed', 'failed') THEN now() END WHERE id = ?")) {
            update.setString(1, status);
            update.setString(2, error);
            update.setString(3, status);
            update.setObject(4, generation);
            update.executeUpdate();
        }
    }

    private void complete(UUID job, String result, String error) throws SQLException {
        try (Connection c = db.getConnection()) {
            SeedQueue.complete(c, job, result, error);
        }
    }

    private JsonNode call(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                request.timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer local")
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Replicate API error: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static boolean terminal(String status) {
        return status.equals("succeeded") || status.equals("failed") || status.equals("canceled");
    }

    public int predictionsInFlight() {
        return predictionsInFlight.get();
    }

    public int maxPredictionsInFlight() {
        return maxPredictionsInFlight.get();
    }

    public long jobsDone() {
        return jobsDone.get();
    }

    public long jobsFailedAttempts() {
        return jobsFailedAttempts.get();
    }

    public long emptyClaims() {
        return emptyClaims.get();
    }
}
