package io.picturepipeline.generation.provider.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.picturepipeline.generation.GenerationSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a create call asks of Replicate in its headers: sync mode and the prediction's deadline. */
class CreateHeadersTest {

    private HttpServer server;
    private final AtomicReference<Headers> received = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.set(exchange.getRequestHeaders());
            byte[] body = "{\"id\": \"p1\", \"status\": \"starting\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void createAsksForSyncModeAndCarriesItsDeadline() {
        try (ReplicateClient client = client(Duration.ofSeconds(5), Duration.ofMinutes(10))) {
            client.create(ReplicateClientTest.request("a lighthouse", 512, 512));
        }

        assertThat(received.get().getFirst("Prefer")).isEqualTo("wait=5");
        assertThat(received.get().getFirst("Cancel-After")).isEqualTo("10m");
    }

    @Test
    void createWithoutSyncWaitOrDeadlineSendsNeitherHeader() {
        try (ReplicateClient client = client(Duration.ZERO, Duration.ZERO)) {
            client.create(ReplicateClientTest.request("a lighthouse", 512, 512));
        }

        assertThat(received.get().containsKey("Prefer")).isFalse();
        assertThat(received.get().containsKey("Cancel-After")).isFalse();
    }

    @Test
    void deadlinesAreWrittenAsReplicateReadsThem() {
        assertThat(GoDuration.of(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(GoDuration.of(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(GoDuration.of(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(GoDuration.of(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    private ReplicateClient client(Duration syncWait, Duration cancelAfter) {
        return new ReplicateClient(new GenerationSettings.Replicate(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "t",
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                2,
                syncWait,
                cancelAfter));
    }
}
