package io.picturepipeline.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTiersTest {

    private final BackoffTiers tiers =
            new BackoffTiers(List.of(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5)));

    @Test
    void eachAttemptClimbsOneTier() {
        assertThat(tiers.after(1, Optional.empty())).isEqualTo(new BackoffTiers.Hop(0, Duration.ofSeconds(10)));
        assertThat(tiers.after(2, Optional.empty())).isEqualTo(new BackoffTiers.Hop(1, Duration.ofMinutes(1)));
        assertThat(tiers.after(3, Optional.empty())).isEqualTo(new BackoffTiers.Hop(2, Duration.ofMinutes(5)));
        assertThat(tiers.after(7, Optional.empty())).isEqualTo(new BackoffTiers.Hop(2, Duration.ofMinutes(5)));
    }

    @Test
    void aRetryAfterPicksTheFirstTierThatCoversIt() {
        assertThat(tiers.after(1, Optional.of(Duration.ofSeconds(30))))
                .isEqualTo(new BackoffTiers.Hop(1, Duration.ofMinutes(1)));
        assertThat(tiers.after(1, Optional.of(Duration.ofSeconds(10))))
                .isEqualTo(new BackoffTiers.Hop(0, Duration.ofSeconds(10)));
    }

    @Test
    void aShortRetryAfterNeverShortensTheBackoff() {
        assertThat(tiers.after(2, Optional.of(Duration.ofSeconds(1))))
                .isEqualTo(new BackoffTiers.Hop(1, Duration.ofMinutes(1)));
    }

    @Test
    void aRetryAfterBeyondTheLastTierIsWaitedForInTheLastTier() {
        assertThat(tiers.after(1, Optional.of(Duration.ofMinutes(8))))
                .isEqualTo(new BackoffTiers.Hop(2, Duration.ofMinutes(8)));
    }
}
