package io.picturepipeline.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.schemas.GenerationProgressed;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StreamPositionTest {

    @Test
    void aPositionSurvivesTheRoundTripThroughItsEventId() {
        long[] next = {0, 41, 1_000_000_007L, 3};

        String id = StreamPosition.encode(next);

        assertThat(id).isEqualTo("v1:0.15.gjdgxz.3");
        assertThat(StreamPosition.decode(id))
                .hasValueSatisfying(decoded -> assertThat(decoded).containsExactly(next));
    }

    @Test
    void anythingThisStreamDidNotHandOutIsRefused() {
        assertThat(StreamPosition.decode("x.y.z")).isEmpty();
        assertThat(StreamPosition.decode("v1:1..2")).isEmpty();
        assertThat(StreamPosition.decode("v1:-1")).isEmpty();
        assertThat(StreamPosition.decode("v1:+1")).isEmpty();
        assertThat(StreamPosition.decode("v1:1!")).isEmpty();
        assertThat(StreamPosition.decode("v1:" + "0.".repeat(2000) + "0")).isEmpty();
    }

    @Test
    void theVectorCursorRefusesWhatLiesBelowItAndMovesPastWhatItAccepts() {
        Cursor.Vector cursor = new Cursor.Vector(new long[] {5, 0});
        UUID id = UUID.randomUUID();

        assertThat(cursor.advance(record(0, 4, id))).isFalse();
        assertThat(cursor.advance(record(0, 5, id))).isTrue();
        assertThat(cursor.advance(record(0, 5, id))).as("once").isFalse();
        assertThat(cursor.advance(record(3, 9, id)))
                .as("a partition it had not seen")
                .isTrue();
        assertThat(cursor.id()).isEqualTo("v1:6.0.0.a");
    }

    @Test
    void theOffsetCursorIsTheOffsetOfTheLastRecordSent() {
        Cursor.Offset cursor = new Cursor.Offset(10);
        UUID id = UUID.randomUUID();

        assertThat(cursor.advance(record(2, 9, id))).isFalse();
        assertThat(cursor.advance(record(2, 12, id))).isTrue();
        assertThat(cursor.id()).isEqualTo("12");
    }

    @Test
    void retryDelaysReadAsAPersonWouldSayThem() {
        assertThat(ClientEvents.describe(Duration.ofSeconds(60))).isEqualTo("60 s");
        assertThat(ClientEvents.describe(Duration.ofMinutes(5))).isEqualTo("5 min");
        assertThat(ClientEvents.describe(Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
    }

    private static LifecycleRecord record(int partition, long offset, UUID generation) {
        return new LifecycleRecord(partition, offset, GenerationProgressed.of(generation, Instant.now(), 1), "u");
    }
}
