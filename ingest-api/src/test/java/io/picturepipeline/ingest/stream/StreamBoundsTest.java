package io.picturepipeline.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.ingest.Sse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class StreamBoundsTest extends IngestIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void aUserMayHoldFiveStreamsTheSixthIsA429AndTheGaugeCountsThem() {
        String user = Api.newUser("hoarder");
        List<Sse> open = new ArrayList<>();
        try {
            double before = connections();
            for (int i = 0; i < 5; i++) {
                open.add(Sse.open(api(), "/api/v1/events", user));
            }
            assertThat(open).allSatisfy(stream -> assertThat(stream.status()).isEqualTo(200));
            // at least these five, not before + 5: streams that earlier tests closed count until the server finds
            // them gone, which may be while these open (CI saw 2 counted before, 5 after)
            await().atMost(GenerationStreamTest.TIMEOUT)
                    .untilAsserted(() -> assertThat(connections()).isGreaterThanOrEqualTo(5));

            try (Sse sixth = Sse.open(api(), "/api/v1/events", user)) {
                assertThat(sixth.status()).isEqualTo(429);
                assertThat(sixth.header("Retry-After")).isNotBlank();
            }
            try (Sse someoneElse = Sse.open(api(), "/api/v1/events", Api.newUser("other"))) {
                assertThat(someoneElse.status()).isEqualTo(200);
            }

            open.forEach(Sse::close);
            await().atMost(GenerationStreamTest.TIMEOUT)
                    .untilAsserted(() -> assertThat(connections()).isLessThanOrEqualTo(before));
        } finally {
            open.forEach(Sse::close);
        }
    }

    private double connections() {
        return meters.get("pipeline.sse.connections").gauge().value();
    }
}
