package io.picturepipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void everyEventSurvivesTheRoundTrip() {
        for (PipelineEvent event : Events.oneOfEach()) {
            assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
        }
    }

    @Test
    void writesTheTypeAndIsoTimestamps() {
        String json = new String(
                codec.encode(GenerationProgressed.of(Events.GENERATION, Events.AT, 40)), StandardCharsets.UTF_8);

        assertThat(json)
                .contains("\"type\":\"GenerationProgressed\"")
                .contains("\"occurredAt\":\"2026-11-24T10:15:30.123Z\"")
                .contains("\"percent\":40");
    }

    @Test
    void ignoresFieldsItDoesNotKnowSoProducersMayAddOptionalOnes() {
        String json = new String(
                        codec.encode(GenerationProgressed.of(Events.GENERATION, Events.AT, 40)), StandardCharsets.UTF_8)
                .replace("\"percent\":40", "\"percent\":40,\"eta\":\"PT3S\"");

        assertThat(codec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(GenerationProgressed.of(Events.GENERATION, Events.AT, 40));
    }

    @Test
    void aRequestPublishedBeforeItsOptionalFieldsExistedDecodesWithTheirDefaults() {
        String json = new String(
                        codec.encode(
                                GenerationRequested.of(Events.GENERATION, Events.AT, "alice", Events.parameters())),
                        StandardCharsets.UTF_8)
                .replace(",\"admission\":null", "")
                .replace(",\"batchId\":null", "")
                .replace(",\"parentId\":null", "");

        GenerationRequested requested = codec.decode(json.getBytes(StandardCharsets.UTF_8), GenerationRequested.class);

        assertThat(json).doesNotContain("admission").doesNotContain("batchId").doesNotContain("parentId");
        assertThat(requested.batchId()).isNull();
        assertThat(requested.parentId()).isNull();
        assertThat(requested.admissionOrDefault()).isEqualTo(Admission.DEFAULT);
        assertThat(requested.resultingStatus()).isEqualTo(GenerationStatus.QUEUED);
    }

    @Test
    void aRequestHeldUntilLaterIsScheduled() {
        Admission later = new Admission("free", 0, 1, Events.AT.plusSeconds(10));

        assertThat(GenerationRequested.of(Events.GENERATION, Events.AT, "alice", Events.parameters(), later)
                        .resultingStatus())
                .isEqualTo(GenerationStatus.SCHEDULED);
    }

    @Test
    void unparseableBytesArePoison() {
        assertThatThrownBy(() -> codec.decode("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonRecordException.class)
                .hasMessageStartingWith("not a valid pipeline event");
    }

    @Test
    void anUnknownTypeIsPoison() {
        assertThatThrownBy(() -> codec.decode("{\"type\":\"Nope\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonRecordException.class);
    }

    @Test
    void aMissingRequiredFieldIsPoison() {
        String json = "{\"type\":\"GenerationProgressed\",\"eventId\":\"7d3c7a52-5f5e-4a0b-9d38-2f5d2b8d3c11\","
                + "\"occurredAt\":\"2026-11-24T10:15:30Z\",\"schemaVersion\":1,\"percent\":5}";

        assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("generationId");
    }

    @Test
    void anOutOfRangeValueIsPoison() {
        String json = new String(
                        codec.encode(GenerationProgressed.of(Events.GENERATION, Events.AT, 40)), StandardCharsets.UTF_8)
                .replace("\"percent\":40", "\"percent\":140");

        assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("percent");
    }

    @Test
    void anOversizedRecordIsPoisonBeforeItIsParsed() {
        byte[] huge = new byte[EventCodec.MAX_RECORD_BYTES + 1];
        Arrays.fill(huge, (byte) ' ');

        assertThatThrownBy(() -> codec.decode(huge))
                .isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("exceeds the limit");
    }

    @Test
    void anEventOfTheWrongTypeForTheTopicIsPoison() {
        byte[] progress = codec.encode(GenerationProgressed.of(Events.GENERATION, Events.AT, 40));

        assertThatThrownBy(() -> codec.decode(progress, GenerationRequested.class))
                .isInstanceOf(PoisonRecordException.class)
                .hasMessage("expected GenerationRequested but the record holds GenerationProgressed");
    }

    @Test
    void transitionEventsCarryStableIdsSoARepublishDedupes() {
        assertThat(GenerationCompleted.of(Events.GENERATION, Events.AT, java.util.List.of())
                        .eventId())
                .isEqualTo(GenerationCompleted.of(Events.GENERATION, Events.AT.plusSeconds(5), java.util.List.of())
                        .eventId())
                .isEqualTo(GenerationFailed.of(Events.GENERATION, Events.AT, Stage.DOWNLOAD, "X", "y")
                        .eventId());
    }
}
