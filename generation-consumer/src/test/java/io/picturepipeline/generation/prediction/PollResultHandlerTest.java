package io.picturepipeline.generation.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollResultHandlerTest {

    @Test
    void pollErrorsBackOffExponentiallyUpToAMinute() {
        Duration interval = Duration.ofSeconds(2);

        assertThat(PollResultHandler.errorBackoff(interval, 0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(PollResultHandler.errorBackoff(interval, 1)).isEqualTo(Duration.ofSeconds(8));
        assertThat(PollResultHandler.errorBackoff(interval, 3)).isEqualTo(Duration.ofSeconds(32));
        assertThat(PollResultHandler.errorBackoff(interval, 10)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aPollIntervalLongerThanTheCapIsKept() {
        assertThat(PollResultHandler.errorBackoff(Duration.ofMinutes(5), 4)).isEqualTo(Duration.ofMinutes(5));
    }
}
