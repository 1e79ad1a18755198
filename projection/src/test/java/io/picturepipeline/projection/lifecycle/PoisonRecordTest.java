package io.picturepipeline.projection.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.schemas.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PoisonRecordTest extends ProjectionIntegrationTest {

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextGoodRecordIsApplied() {
        UUID id = UUID.randomUUID();
        byte[] poison = "{\"type\":\"GenerationRequested\",\"eventId\":".getBytes(StandardCharsets.UTF_8);

        lifecycle().publishRaw(id.toString(), poison);
        lifecycle().publish(List.of(Histories.requested(id)));

        await().atMost(Duration.ofSeconds(60)).until(() -> "queued".equals(status(id)));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(lifecycle().deadLetters(id.toString()))
                        .singleElement()
                        .satisfies(record -> assertThat(record.value()).isEqualTo(poison)));
        assertThat(jdbc.sql("select count(*) from projection.generation_event where generation_id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void anEventUnderTheKeyOfAnotherGenerationIsDeadLetteredAndProjectsNothing() {
        UUID key = UUID.randomUUID();
        UUID named = UUID.randomUUID();
        byte[] misplaced = new EventCodec().encode(Histories.requested(named));

        lifecycle().publishRaw(key.toString(), misplaced);
        lifecycle().publish(List.of(Histories.requested(key)));

        await().atMost(Duration.ofSeconds(60)).until(() -> "queued".equals(status(key)));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(lifecycle().deadLetters(key.toString()))
                        .singleElement()
                        .satisfies(record -> assertThat(record.value()).isEqualTo(misplaced)));
        assertThat(jdbc.sql("select count(*) from projection.generation where id = ?")
                        .param(named)
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
