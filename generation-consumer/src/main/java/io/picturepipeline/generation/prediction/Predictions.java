package io.picturepipeline.generation.prediction;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code generation.prediction} table as a start and the in-flight count use it (the poller's and the webhooks'
 * statements are {@link PollQueue}). Every statement is its own transaction (auto-commit), and every state
 * change is guarded by the state it expects, so a stale writer changes nothing. Times are the database's
 * ({@code now()}), so several instances agree on what is due.
 */
@Repository
public class Predictions {

    static final String COLUMNS = "generation_id, owner, provider, model, prediction_id, status, create_token,"
            + " width, height, num_outputs, last_progress, polls, poll_errors, created_at, started_at";
    static final String LIVE = "('created', 'running')";

    private final JdbcClient jdbc;

    Predictions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a start needs to know first, read in one statement: whether its owner cancelled it, and its row. */
    public record Start(boolean cancelled, Optional<PredictionRow> row) {}

    /** {@link #find} and whether {@code generation.cancellation} holds the generation, in one round trip. */
    public Start findForStart(UUID generationId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM generation.cancellation c WHERE c.generation_id = :id)
                                   AS cancelled, p.*
                          FROM (SELECT 1) one
                          LEFT JOIN generation.prediction p ON p.generation_id = :id
                        """)
                .param("id", generationId)
                .query((rs, n) -> new Start(
                        rs.getBoolean("cancelled"),
                        rs.getObject("generation_id") == null ? Optional.empty() : Optional.of(row(rs, n))))
                .single();
    }

    public Optional<PredictionRow> find(UUID generationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM generation.prediction WHERE generation_id = :id")
                .param("id", generationId)
                .query(Predictions::row)
                .optional();
    }

    /** Records that a create call is about to go out; false when the generation already has a row. */
    public boolean insertCreating(
            UUID generationId,
            String owner,
            String provider,
            String model,
            int width,
            int height,
            int numOutputs,
            UUID createToken) {
        return jdbc.sql("""
                        INSERT INTO generation.prediction
                            (generation_id, owner, provider, model, status, create_token, width, height, num_outputs)
                        VALUES (:id, :owner, :provider, :model, 'creating', :token, :width, :height, :outputs)
                        ON CONFLICT (generation_id) DO NOTHING
                        """)
                        .param("id", generationId)
                        .param("owner", owner)
                        .param("provider", provider)
                        .param("model", model)
                        .param("token", createToken)
                        .param("width", width)
                        .param("height", height)
                        .param("outputs", numOutputs)
                        .update()
                == 1;
    }

    /** Makes {@code newToken} the owner of an interrupted create; false when the row moved on meanwhile. */
    public boolean takeOverCreate(UUID generationId, UUID expectedToken, UUID newToken) {
        return jdbc.sql("""
                        UPDATE generation.prediction SET create_token = :new, updated_at = now()
                         WHERE generation_id = :id AND status = 'creating' AND create_token = :expected
                        """)
                        .param("id", generationId)
                        .param("expected", expectedToken)
                        .param("new", newToken)
                        .update()
                == 1;
    }

    /** The row {@link #recordPrediction} recorded, and whether it dispatched the generation's admission row. */
    public record Recorded(PredictionRow row, boolean dispatched) {}

    /**
     * Records the provider's prediction id (state {@code created}, first poll after {@code firstPoll}), leased to the
     * caller for {@code lease} so that neither the poller nor a webhook acts on it before the caller has announced it
     * and handled the create answer ({@link #markRunningAndRelease}, or the result handler's own update, which ends
     * the lease too); empty when this create attempt no longer owns the row.
     *
     * <p>In the same statement (one commit) the generation's admission row, if it still waits for its start to end,
     * is marked dispatched ({@code started}): from here a crash is recovered by the poller (a {@code created} row whose
     * lease ran out is announced and polled), not by another claim of the admission row. Until here the admission row
     * stays claimed, so a start that dies inside the create call is taken over after {@code claim-lease} and finds its
     * {@code creating} intent. A retried or replayed record, whose admission row was dispatched before, changes none.
     */
    public Optional<Recorded> recordPrediction(
            UUID generationId, UUID createToken, String predictionId, Duration firstPoll, Duration lease) {
        return jdbc.sql("""
                        WITH recorded AS (
                            UPDATE generation.prediction
                               SET prediction_id = :prediction, status = 'created', started_at = now(),
                                   next_poll_at = now() + :delay * interval '1 millisecond',
                                   lease_until = now() + :lease * interval '1 millisecond', updated_at = now()
                             WHERE generation_id = :id AND status = 'creating' AND create_token = :token
                            RETURNING %s
                        ), dispatched AS (
                            UPDATE generation.admission
                               SET dispatched_at = now(), outcome = 'started', claimed_until = NULL
                             WHERE generation_id IN (SELECT generation_id FROM recorded) AND dispatched_at IS NULL
                            RETURNING generation_id
                        )
                        SELECT recorded.*, EXISTS (SELECT 1 FROM dispatched) AS dispatched FROM recorded
                        """.formatted(COLUMNS))
                .param("id", generationId)
                .param("token", createToken)
                .param("prediction", predictionId)
                .param("delay", firstPoll.toMillis())
                .param("lease", lease.toMillis())
                .query((rs, n) -> new Recorded(row(rs, n), rs.getBoolean("dispatched")))
                .optional();
    }

    /**
     * {@code created} → {@code running} and the caller's lease ended, in one statement, once {@code GenerationStarted}
     * is published: a webhook that came meanwhile found the row leased and made it due, so the poller takes it from
     * here. A row cancelled meanwhile stays {@code canceled}.
     */
    public void markRunningAndRelease(UUID generationId) {
        jdbc.sql("""
                        UPDATE generation.prediction SET status = 'running', lease_until = NULL, updated_at = now()
                         WHERE generation_id = :id AND status IN %s
                        """.formatted(LIVE)).param("id", generationId).update();
    }

    /** {@code created} → {@code running}, once {@code GenerationStarted} is published. */
    public void markRunning(UUID generationId) {
        jdbc.sql("""
                        UPDATE generation.prediction SET status = 'running', updated_at = now()
                         WHERE generation_id = :id AND status = 'created'
                        """).param("id", generationId).update();
    }

    /** Drops the row of a create attempt that failed (so a redelivery starts afresh and no slot stays taken). */
    public void forgetCreate(UUID generationId, UUID createToken) {
        jdbc.sql("""
                        DELETE FROM generation.prediction
                         WHERE generation_id = :id AND status = 'creating' AND create_token = :token
                        """).param("id", generationId).param("token", createToken).update();
    }

    /**
     * Predictions not finished yet, over all instances. An intent whose create timed out stays {@code creating} until
     * its record is retried (or parked on the dead-letter topic): after 15 minutes it no longer takes a slot.
     */
    public long countInFlight() {
        return jdbc.sql("""
                        SELECT count(*) FROM generation.prediction
                         WHERE status IN ('created', 'running')
                            OR (status = 'creating' AND updated_at > now() - interval '15 minutes')
                        """).query(Long.class).single();
    }

    static PredictionRow row(ResultSet rs, int rowNum) throws SQLException {
        return new PredictionRow(
                rs.getObject("generation_id", UUID.class),
                rs.getString("owner"),
                rs.getString("provider"),
                rs.getString("model"),
                rs.getString("prediction_id"),
                PredictionState.fromWire(rs.getString("status")),
                rs.getObject("create_token", UUID.class),
                rs.getInt("width"),
                rs.getInt("height"),
                rs.getInt("num_outputs"),
                rs.getInt("last_progress"),
                rs.getInt("polls"),
                rs.getInt("poll_errors"),
                instant(rs, "created_at"),
                instant(rs, "started_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static String truncate(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
    }
}
