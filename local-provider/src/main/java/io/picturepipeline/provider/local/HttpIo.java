package io.picturepipeline.provider.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Small helpers for reading requests and writing JSON answers on a JDK {@link HttpExchange}. */
final class HttpIo {

    static final int MAX_REQUEST_BYTES = 1024 * 1024;

    private HttpIo() {}

    static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        sendJson(exchange, status, body, Map.of());
    }

    static void sendJson(HttpExchange exchange, int status, JsonNode body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = Json.bytes(body);
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_REQUEST_BYTES + 1);
            if (body.length > MAX_REQUEST_BYTES) {
                throw ApiException.of(413, "Payload Too Large", "Request body exceeds " + MAX_REQUEST_BYTES + " bytes");
            }
            return body;
        }
    }

    /** Base URL as the client addressed us (Host header), so output URLs work behind Docker host names too. */
    static String baseUrl(HttpExchange exchange, String fallback) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        return host == null || host.isBlank() ? fallback : "http://" + host.trim();
    }
}
