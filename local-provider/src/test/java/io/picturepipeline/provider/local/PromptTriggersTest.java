package io.picturepipeline.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PromptTriggersTest {

    @Test
    void plainPromptHasNoTriggers() {
        assertThat(PromptTriggers.parse("a red fox")).isEqualTo(new PromptTriggers(false, 0, 0, null));
    }

    @Test
    void allTriggersAreRecognisedAnywhereInThePrompt() {
        PromptTriggers triggers =
                PromptTriggers.parse("a [fail:permanent] fox [fail:create:503] [fail:times=3] [latency:PT5S]");

        assertThat(triggers).isEqualTo(new PromptTriggers(true, 503, 3, Duration.ofSeconds(5)));
    }

    @Test
    void invalidLatencyTriggerIsRejectedAsInvalidInput() {
        assertThatThrownBy(() -> PromptTriggers.parse("x [latency:5s]"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status).isEqualTo(422));
    }
}
