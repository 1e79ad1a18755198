package io.picturepipeline.bench.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class HeapPerStreamTest {

    @Test
    void reads_the_live_total_of_a_rendered_histogram() {
        assertThat(HeapPerStream.liveMb(List.of("[B 72.1 MB (215110)", "total 165.3 MB live")))
                .hasValue(165.3);
        assertThat(HeapPerStream.liveMb(List.of("unavailable: jcmd failed"))).isEmpty();
    }

    @Test
    void divides_the_growth_of_the_live_heap_by_the_streams_open() {
        // 5,000 streams: 60.0 MB before, 703.1 MB with them open → 131.7 KB each
        assertThat(HeapPerStream.kbPerStream(OptionalDouble.of(60.0), OptionalDouble.of(703.1), 5_000)
                        .getAsDouble())
                .isCloseTo(131.7, org.assertj.core.data.Offset.offset(0.05));
        assertThat(HeapPerStream.kbPerStream(OptionalDouble.empty(), OptionalDouble.of(703.1), 5_000))
                .isEmpty();
        assertThat(HeapPerStream.kbPerStream(OptionalDouble.of(60.0), OptionalDouble.of(70.0), 0))
                .isEmpty();
    }
}
