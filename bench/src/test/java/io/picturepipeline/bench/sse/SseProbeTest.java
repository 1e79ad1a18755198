package io.picturepipeline.bench.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class SseProbeTest {

    @Test
    void countsTheStreamsThatOpenedAndWhyTheOthersDidNot() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(SseProbe.USER_STREAM, exchange -> {
            if (exchange.getRequestHeaders().getFirst("Authorization").endsWith("busy")) {
                exchange.sendResponseHeaders(429, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(": open\n\n".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush(); // and left open, as an idle stream
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        try (SseProbe.OpenStreams streams =
                SseProbe.open(url, List.of("a", "b", "busy"), new ConcurrentLinkedQueue<>())) {
            assertThat(streams.open()).isEqualTo(2);
            assertThat(streams.status()).isEqualTo("2 of 3 streams open, not opened: {http 429=1}");
        } finally {
            server.stop(0);
        }
    }
}
