package io.picturepipeline.generation.cancel;

import io.picturepipeline.generation.provider.ImageProvider;
import io.picturepipeline.retry.CancellationSubscriber;
import io.picturepipeline.schemas.GenerationCancelled;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What this stage does about an owner's cancel. It is remembered ({@code generation.cancellation}); a live prediction
 * row moves to {@code canceled} (the poller stops) and whoever moves it asks the provider to cancel the prediction.
 * The start of a cancelled generation creates nothing, and a poll that answers after the cancel publishes nothing
 * ({@link #stopIfCancelled}). {@code GenerationCancelled} itself is the ingest-api's: this stage publishes no
 * terminal fact for it. Cancels come from the shared {@link CancellationSubscriber cancellation feed}.
 */
@Component
public class Cancellations implements CancellationSubscriber {

    private static final Logger log = LoggerFactory.getLogger(Cancellations.class);
    private static final String CANCEL_ROW = """
            UPDATE generation.prediction
               SET status = 'canceled', last_error = 'cancelled by its owner', next_poll_at = NULL,
                   lease_until = NULL, updated_at = now()
             WHERE generation_id = :id AND status IN ('created', 'running')
            RETURNING prediction_id
            """;

    private final JdbcClient jdbc;
    private final ImageProvider provider;

    Cancellations(JdbcClient jdbc, ImageProvider provider) {
        this.jdbc = jdbc;
        this.provider = provider;
    }

    public boolean isCancelled(UUID generationId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM generation.cancellation WHERE generation_id = :id)")
                .param("id", generationId)
                .query(Boolean.class)
                .single();
    }

    /** Records the cancel and stops the generation's prediction, if it has a live one. Idempotent. */
    @Override
    public void cancelled(GenerationCancelled cancelled) {
        UUID id = cancelled.generationId();
        jdbc.sql("""
                        INSERT INTO generation.cancellation (generation_id, reason, cancelled_at)
                        VALUES (:id, :reason, :at)
                        ON CONFLICT (generation_id) DO NOTHING
                        """)
                .param("id", id)
                .param("reason", cancelled.reason())
                .param("at", Timestamp.from(cancelled.occurredAt()))
                .update();
        stop(id);
    }

    /**
     * For the poller, before it acts on a poll: true (and the prediction stopped) when the generation was cancelled,
     * in which case nothing of the poll may be published.
     */
    public boolean stopIfCancelled(UUID generationId) {
        if (!isCancelled(generationId)) {
            return false;
        }
        stop(generationId);
        return true;
    }

    private void stop(UUID id) {
        List<String> predictions =
                jdbc.sql(CANCEL_ROW).param("id", id).query(String.class).list();
        for (String predictionId : predictions) {
            try {
                provider.cancel(predictionId);
                log.info("generation {} cancelled by its owner: prediction {} cancelled", id, predictionId);
            } catch (RuntimeException e) {
                log.warn(
                        "generation {} cancelled by its owner, but cancelling prediction {} failed",
                        id,
                        predictionId,
                        e);
            }
        }
    }
}
