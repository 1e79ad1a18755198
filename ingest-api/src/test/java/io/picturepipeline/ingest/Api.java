package io.picturepipeline.ingest;

import io.picturepipeline.infra.DemoTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the API under test, with tokens as the local profile accepts them. */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public static String newUser(String purpose) {
        return purpose + "-" + UUID.randomUUID();
    }

    public static String token(String user) {
        return DemoTokens.mint(DemoTokens.DEFAULT_SECRET, user, Duration.ofMinutes(10));
    }

    public Response submit(String user, String json) {
        return send(HttpRequest.newBuilder(uri("/api/v1/generations"))
                .header("Authorization", "Bearer " + token(user))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Submits a valid request; returns the new id. */
    public UUID submitValid(String user, String prompt) {
        Response response = submit(user, "{\"prompt\": \"" + prompt + "\"}");
        if (response.status() != 202) {
            throw new AssertionError("expected 202 but got " + response.status() + ": " + response.text());
        }
        return UUID.fromString(response.json().get("id").asString());
    }

    public Response get(String user, String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token(user)));
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = CLIENT.send(
                    request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create(base + path);
    }

    public record Response(HttpResponse<byte[]> raw) {

        public int status() {
            return raw.statusCode();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        public byte[] bytes() {
            return raw.body();
        }

        public String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        @Override
        public String toString() {
            return status() + " " + text();
        }
    }
}
