package io.picturepipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoTokensTest {

    @Test
    void tokensLiveTwelveHoursUnlessToldAndNeverLongerThanTheApiAccepts() {
        assertThat(DemoTokens.validity(null)).isEqualTo(Duration.ofHours(12));
        assertThat(DemoTokens.validity("PT24H")).isEqualTo(DemoTokens.MAX_VALIDITY);
        assertThatThrownBy(() -> DemoTokens.validity("P30D"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most PT24H");
        assertThatThrownBy(() -> DemoTokens.validity("PT-1H")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemoTokens.validity("tomorrow")).isInstanceOf(IllegalArgumentException.class);
    }
}
