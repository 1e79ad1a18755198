package io.picturepipeline.download;

import io.picturepipeline.schemas.StoredImage;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code download.completed_download} table: generations whose download finished and was announced. */
@Repository
class CompletedDownloads {

    private static final TypeReference<List<StoredImage>> IMAGES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    CompletedDownloads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the completion; a second record of the same generation (a concurrent redelivery) changes nothing. */
    void record(UUID generationId, List<StoredImage> images, Instant completedAt) {
        jdbc.sql("""
                        insert into download.completed_download (generation_id, images, completed_at)
                        values (?, cast(? as jsonb), ?)
                        on conflict (generation_id) do nothing
                        """)
                .param(generationId)
                .param(json.writeValueAsString(images))
                .param(Timestamp.from(completedAt))
                .update();
    }

    Optional<List<StoredImage>> images(UUID generationId) {
        return jdbc.sql("select images::text from download.completed_download where generation_id = ?")
                .param(generationId)
                .query(String.class)
                .optional()
                .map(text -> json.readValue(text, IMAGES));
    }
}
