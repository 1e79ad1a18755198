package io.picturepipeline.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.GenerationCancelled;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.PoisonRecordException;
import io.picturepipeline.schemas.Stage;
import io.picturepipeline.schemas.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The one stage contract: a stage sees only events of its type whose record is keyed by their generation id. */
class TypedStageHandlerTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final long PUBLISHED_AT = 1_700_000_000_000L;

    private final List<ImagesGenerated> handed = new ArrayList<>();
    private final List<Instant> publishedAt = new ArrayList<>();
    private final TypedStageHandler<ImagesGenerated> stage =
            new TypedStageHandler<>(Stage.DOWNLOAD, "test-stage", ImagesGenerated.class, CODEC) {
                @Override
                protected Outcome handle(ImagesGenerated event, Instant published) {
                    handed.add(event);
                    publishedAt.add(published);
                    return Outcome.DONE;
                }
            };

    @Test
    void handsTheDecodedEventAndWhenItsRecordWasWritten() {
        ImagesGenerated event = images(UUID.randomUUID());

        StageHandler.Outcome outcome = stage.handle(record(event.generationId().toString(), CODEC.encode(event)));

        assertThat(outcome).isEqualTo(StageHandler.Outcome.DONE);
        assertThat(handed).extracting(ImagesGenerated::generationId).containsExactly(event.generationId());
        assertThat(publishedAt).containsExactly(Instant.ofEpochMilli(PUBLISHED_AT));
    }

    @Test
    void aRecordKeyedByAnotherGenerationIsPoison() {
        ImagesGenerated event = images(UUID.randomUUID());
        String otherKey = UUID.randomUUID().toString();

        assertThatThrownBy(() -> stage.handle(record(otherKey, CODEC.encode(event))))
                .isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("is not the generation id of its event");
        assertThat(handed).isEmpty();
    }

    @Test
    void anEventOfAnotherTypeIsPoison() {
        GenerationCancelled other = GenerationCancelled.of(UUID.randomUUID(), Instant.now(), "cancelled by owner");

        assertThatThrownBy(() -> stage.handle(record(other.generationId().toString(), CODEC.encode(other))))
                .isInstanceOf(PoisonRecordException.class);
        assertThat(handed).isEmpty();
    }

    private static ImagesGenerated images(UUID id) {
        return ImagesGenerated.of(id, Instant.now(), "alice", "p-" + id, List.of("http://provider/0.png"), 8, 8);
    }

    private static ConsumerRecord<String, byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>(
                Topics.DOWNLOAD,
                0,
                0L,
                PUBLISHED_AT,
                TimestampType.CREATE_TIME,
                key.length(),
                value.length,
                key,
                value,
                new RecordHeaders(),
                Optional.empty());
    }
}
