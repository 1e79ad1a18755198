package io.picturepipeline.download;

import io.picturepipeline.retry.CancellationSubscriber;
import io.picturepipeline.schemas.GenerationCancelled;
import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code download.cancelled_generation} table: generations cancelled by their owner, as the shared cancellation
 * feed tells them; a cancelled generation's download is skipped.
 */
@Repository
class CancelledGenerations implements CancellationSubscriber {

    private final JdbcClient jdbc;

    CancelledGenerations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the cancel; a redelivery changes nothing. */
    @Override
    public void cancelled(GenerationCancelled cancelled) {
        jdbc.sql("""
                        insert into download.cancelled_generation (generation_id, cancelled_at) values (?, ?)
                        on conflict (generation_id) do nothing
                        """)
                .param(cancelled.generationId())
                .param(Timestamp.from(cancelled.occurredAt()))
                .update();
    }
}
