package io.picturepipeline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.schemas.DeadLetterRef;
import io.picturepipeline.schemas.FailureHeaders;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterFlagsTest {

    private static DeadLetter withHeaders(Map<String, String> headers) {
        return new DeadLetter(
                new DeadLetterRef("pipeline.download-dlt", 0, 7),
                "key",
                new byte[] {'{'},
                Instant.parse("2026-11-24T12:00:00Z"),
                headers);
    }

    @Test
    void aTruncatedDeadLetterIsFlaggedAndNeverReplayedEvenByItsRef() {
        DeadLetter truncated = withHeaders(Map.of(FailureHeaders.VALUE_TRUNCATED, "1149506"));

        assertThat(truncated.truncatedFrom()).contains(1149506);
        assertThat(DlqCommand.flags(truncated)).isEqualTo("truncated");
        assertThat(new ReplayCommand().refusal(truncated, true))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("truncated: its value of 1149506 bytes"));
    }

    @Test
    void aWholeDeadLetterIsReplayable() {
        DeadLetter whole = withHeaders(Map.of());

        assertThat(whole.truncatedFrom()).isEmpty();
        assertThat(DlqCommand.flags(whole)).isEqualTo("-");
        assertThat(new ReplayCommand().refusal(whole, false)).isEmpty();
    }
}
