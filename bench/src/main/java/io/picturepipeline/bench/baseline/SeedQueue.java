package io.picturepipeline.bench.baseline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The seeds' job queue, called exactly as their edge functions call it: {@code enqueue_job}, {@code claim_next_job},
 * {@code complete_job} and the {@code queue_health} view and alert queries. The SQL is in
 * {@code baseline/seed_queue.sql}, quoted from the seeds.
 */
public final class SeedQueue {

    public static final String GENERATE = "generate-image";
    public static final String DOWNLOAD = "download-image";

    /** A claimed job: the columns {@code claim_next_job()} returns. */
    public record Job(UUID id, String jobType, String payload, int attemptNumber, int maxAttempts) {}

    /** One row of the seeds' {@code queue_health} view. */
    public record Health(
            long pendingJobs,
            long processingJobs,
            long completedLastHour,
            long failedLastHour,
            @Nullable Double avgProcessingTimeSeconds) {}

    /** The seeds' three alert queries (001, "5.2 Set Up Alerts"), with the thresholds they give. */
    public record Alerts(
            long queueDepth, long stuckJobs, @Nullable Double errorRatePercent) {

        public boolean queueDepthAlert() {
            return queueDepth > 50;
        }

        public boolean stuckJobsAlert() {
            return stuckJobs > 0;
        }

        public boolean errorRateAlert() {
            return errorRatePercent != null && errorRatePercent > 10;
        }
    }

    private SeedQueue() {}

    /** Creates (or replaces) the table, functions and views in the connected database. */
    public static void install(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(script());
        }
    }

    /** Empties the queue and the generation records between benchmark runs. */
    public static void reset(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE images, image_generations, job_queue");
        }
    }

    static String script() {
        try (InputStream in = SeedQueue.class.getResourceAsStream("/baseline/seed_queue.sql")) {
            if (in == null) {
                throw new IllegalStateException("baseline/seed_queue.sql is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static UUID enqueue(Connection connection, String jobType, String payloadJson) throws SQLException {
        try (PreparedStatement call = connection.prepareStatement("SELECT enqueue_job(?, ?::jsonb)")) {
            call.setString(1, jobType);
            call.setString(2, payloadJson);
            try (ResultSet rs = call.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    public static Optional<Job> claim(Connection connection) throws SQLException {
        try (PreparedStatement call = connection.prepareStatement(
                        "SELECT id, job_type, payload::text, attempt_number, max_attempts FROM claim_next_job()");
                ResultSet rs = call.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(
                    new Job(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5)));
        }
    }

    /** {@code complete_job(id, result, error)}: an error retries while attempts remain, then fails the job. */
    public static void complete(Connection connection, UUID jobId, @Nullable String resultJson, @Nullable String error)
            throws SQLException {
        try (PreparedStatement call = connection.prepareStatement("SELECT complete_job(?, ?::jsonb, ?)")) {
            call.setObject(1, jobId);
            call.setString(2, resultJson);
            call.setString(3, error);
            call.executeQuery().close();
        }
    }

    public static Health health(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM queue_health");
                ResultSet rs = query.executeQuery()) {
            rs.next();
            double avg = rs.getDouble(5);
            return new Health(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.wasNull() ? null : avg);
        }
    }

    public static Alerts alerts(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                        SELECT (SELECT COUNT(*) FROM job_queue WHERE status = 'pending'),
                               (SELECT COUNT(*) FROM job_queue
                                 WHERE status = 'processing' AND updated_at < now() - interval '15 minutes'),
                               (SELECT COUNT(*) FILTER (WHERE status = 'failed') * 100.0 / NULLIF(COUNT(*), 0)
                                  FROM job_queue WHERE created_at > now() - interval '1 hour')
                        """);
                ResultSet rs = query.executeQuery()) {
            rs.next();
            double rate = rs.getDouble(3);
            return new Alerts(rs.getLong(1), rs.getLong(2), rs.wasNull() ? null : rate);
        }
    }

    /** The job's row as stored: status, attempt_number, error_message. For tests and checks. */
    public record Row(
            String status, int attemptNumber, @Nullable String errorMessage) {}

    public static Row row(Connection connection, UUID jobId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT status, attempt_number, error_message FROM job_queue WHERE id = ?")) {
            query.setObject(1, jobId);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no job " + jobId);
                }
                return new Row(rs.getString(1), rs.getInt(2), rs.getString(3));
            }
        }
    }
}
