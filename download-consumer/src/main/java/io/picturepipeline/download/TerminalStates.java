package io.picturepipeline.download;

import io.picturepipeline.schemas.GenerationStatus;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Everything this stage knows to be terminal, so a download record of such a generation is skipped: generations
 * cancelled by their owner (learnt from the lifecycle topic, {@link CancelledGenerations}), then the downloads it
 * completed itself ({@link CompletedDownloads}). A cancelled generation is never downloaded, stored or completed.
 * One round trip asks both.
 */
@Repository
class TerminalStates {

    private final JdbcClient jdbc;

    TerminalStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The terminal status of the generation, if this stage knows it to be terminal. */
    Optional<GenerationStatus> terminalStatus(UUID generationId) {
        return jdbc.sql("""
                        select case
                                 when exists (select 1 from download.cancelled_generation where generation_id = :id)
                                   then 'cancelled'
                                 when exists (select 1 from download.completed_download where generation_id = :id)
                                   then 'completed'
                               end
                        """)
                .param("id", generationId)
                .query((rs, row) -> Optional.ofNullable(rs.getString(1)))
                .single()
                .map(status -> status.equals("cancelled") ? GenerationStatus.CANCELLED : GenerationStatus.COMPLETED);
    }
}
