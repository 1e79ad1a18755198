package io.picturepipeline.generation.prediction;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The poller's and the webhooks' statements on {@code generation.prediction} (the start's are {@link Predictions}):
 * which live predictions are due, leased to whom, rescheduled or finished. Same rules as there: auto-commit, every
 * change guarded by the state it expects, the database's clock.
 */
@Repository
class PollQueue {

    private final JdbcClient jdbc;

    PollQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A claimed prediction; {@code overdue} when it has run longer than allowed. */
    record Claimed(PredictionRow row, boolean overdue) {}

    /**
     * Leases up to {@code limit} due predictions to this instance. {@code SKIP LOCKED} lets instances claim
     * concurrently without waiting on each other; a lease that runs out (a crashed instance) makes the row due again.
     */
    List<Claimed> claimDue(int limit, Duration lease, Duration maxPollDuration) {
        return jdbc.sql("""
                        UPDATE generation.prediction
                           SET lease_until = now() + :lease * interval '1 millisecond', recheck = false
                         WHERE generation_id IN (
                               SELECT generation_id FROM generation.prediction
                                WHERE status IN %s
                                  AND next_poll_at <= now()
                                  AND (lease_until IS NULL OR lease_until < now())
                                ORDER BY next_poll_at
                                LIMIT :limit
                                FOR UPDATE SKIP LOCKED)
                        RETURNING %s,
                                  started_at < now() - :maxPoll * interval '1 millisecond' AS overdue
                        """.formatted(Predictions.LIVE, Predictions.COLUMNS))
                .param("lease", lease.toMillis())
                .param("limit", limit)
                .param("maxPoll", maxPollDuration.toMillis())
                .query((rs, n) -> new Claimed(Predictions.row(rs, n), rs.getBoolean("overdue")))
                .list();
    }

    /**
     * Still running: next poll after {@code delay} — or at once when a webhook came while the row was leased
     * ({@link #markDue}); progress only grows. Ends the lease. {@code polled}: the news came from a poll (counted in
     * {@code polls}), not from the create answer or a webhook.
     */
    void reschedule(UUID generationId, int progress, Duration delay, boolean polled) {
        jdbc.sql("""
                        UPDATE generation.prediction
                           SET status = 'running', last_progress = GREATEST(last_progress, :progress),
                               polls = polls + :polled,
                               next_poll_at = CASE WHEN recheck THEN now()
                                                   ELSE now() + :delay * interval '1 millisecond' END,
                               recheck = false, lease_until = NULL, updated_at = now()
                         WHERE generation_id = :id AND status IN %s
                        """.formatted(Predictions.LIVE))
                .param("id", generationId)
                .param("progress", progress)
                .param("delay", delay.toMillis())
                .param("polled", polled ? 1 : 0)
                .update();
    }

    /** The poll itself failed: count it, try again after {@code delay}. Ends the lease. */
    void rescheduleAfterError(UUID generationId, Duration delay, String error) {
        jdbc.sql("""
                        UPDATE generation.prediction
                           SET poll_errors = poll_errors + 1, last_error = :error,
                               next_poll_at = now() + :delay * interval '1 millisecond',
                               lease_until = NULL, updated_at = now()
                         WHERE generation_id = :id AND status IN %s
                        """.formatted(Predictions.LIVE))
                .param("id", generationId)
                .param("delay", delay.toMillis())
                .param("error", Predictions.truncate(error))
                .update();
    }

    /** A terminal state; false when the row was not live any more (someone else finished it). */
    boolean finish(UUID generationId, PredictionState state, @Nullable String error, boolean polled) {
        if (!state.finished()) {
            throw new IllegalArgumentException(state + " is not a terminal state");
        }
        return jdbc.sql("""
                                UPDATE generation.prediction
                                   SET status = :status, last_error = COALESCE(:error, last_error),
                                       polls = polls + :polled,
                                       next_poll_at = NULL, lease_until = NULL, updated_at = now()
                                 WHERE generation_id = :id AND status IN %s
                                """.formatted(Predictions.LIVE))
                        .param("id", generationId)
                        .param("status", state.wireName())
                        .param("error", Predictions.truncate(error))
                        .param("polled", polled ? 1 : 0)
                        .update()
                == 1;
    }

    /**
     * Leases the live prediction a verified webhook reports on, unless a poll holds it right now (then the poll
     * settles it); empty also when it is unknown or finished.
     */
    Optional<PredictionRow> claimByPrediction(String provider, String predictionId, Duration lease) {
        return jdbc.sql("""
                        UPDATE generation.prediction
                           SET lease_until = now() + :lease * interval '1 millisecond'
                         WHERE provider = :provider AND prediction_id = :prediction AND status IN %s
                           AND (lease_until IS NULL OR lease_until < now())
                        RETURNING %s
                        """.formatted(Predictions.LIVE, Predictions.COLUMNS))
                .param("provider", provider)
                .param("prediction", predictionId)
                .param("lease", lease.toMillis())
                .query(Predictions::row)
                .optional();
    }

    /**
     * A webhook said something happened but cannot settle it (unverified, or the row is leased): poll it now, or — when
     * the lease holder reschedules it — right after ({@code recheck}); the poll, not the webhook, decides.
     */
    int markDue(String provider, String predictionId) {
        return jdbc.sql("""
                        UPDATE generation.prediction SET next_poll_at = now(), recheck = true, updated_at = now()
                         WHERE provider = :provider AND prediction_id = :prediction AND status IN %s
                        """.formatted(Predictions.LIVE))
                .param("provider", provider)
                .param("prediction", predictionId)
                .update();
    }

    /** Ends the lease the listener took when it recorded the prediction. */
    void release(UUID generationId) {
        jdbc.sql("UPDATE generation.prediction SET lease_until = NULL WHERE generation_id = :id")
                .param("id", generationId)
                .update();
    }
}
