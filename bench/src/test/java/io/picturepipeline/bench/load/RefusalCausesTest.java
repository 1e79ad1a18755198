package io.picturepipeline.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RefusalCausesTest {

    @Test
    void groups_refusals_by_cause_and_lists_every_cause_even_when_zero() {
        Map<String, Long> causes = RefusalCauses.of(Map.of(
                "http 503", 900L,
                "http 429", 3L,
                "timeout", 650L,
                "io: IOException", 50L,
                "io: EOFException", 10L,
                "io: ConnectException", 7L,
                "http 500", 1L,
                "client: 4000 requests unanswered", 2L));

        assertThat(causes)
                .containsExactly(
                        Map.entry("429", 3L),
                        Map.entry("503", 900L),
                        Map.entry("timeout", 650L),
                        Map.entry("connection refused", 7L),
                        Map.entry("reset", 60L),
                        Map.entry("other", 3L));
        assertThat(RefusalCauses.of(Map.of()))
                .containsOnlyKeys("429", "503", "timeout", "connection refused", "reset", "other");
    }
}
