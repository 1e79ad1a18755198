package io.picturepipeline.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * A Server-Sent Events client for tests, reading the stream line by line as a terminal client would: the events
 * (id, name, data), the comment lines (heartbeats), and whether the server ended the stream.
 */
public final class Sse implements AutoCloseable {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Event(String id, String name, String data) {

        public JsonNode json() {
            return Api.JSON.readTree(data);
        }
    }

    private final HttpResponse<InputStream> response;
    private final List<Event> events = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();
    private final Thread reader;
    private volatile boolean ended;

    private Sse(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-reader");
        this.reader.setDaemon(true);
        if (response.statusCode() == 200) {
            reader.start();
        }
    }

    /** Opens {@code uri} with the given headers; returns once the response headers are in. */
    public static Sse open(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Accept", "text/event-stream")
                .GET();
        headers.forEach(request::header);
        try {
            return new Sse(CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                    .get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("cannot open " + uri, e);
        }
    }

    public static Sse open(Api api, String path, String user) {
        return open(api.uri(path), Map.of("Authorization", "Bearer " + Api.token(user)));
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The body of a refused request (not a stream). */
    public String text() {
        try (InputStream body = response.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    public List<String> names() {
        return events().stream().map(Event::name).toList();
    }

    public synchronized List<String> comments() {
        return List.copyOf(comments);
    }

    /** True once the server ended the stream. */
    public boolean ended() {
        return ended;
    }

    public Event last() {
        List<Event> all = events();
        return all.get(all.size() - 1);
    }

    private void read() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        synchronized (this) {
                            events.add(new Event(id, name == null ? "message" : name, data.toString()));
                        }
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    synchronized (this) {
                        comments.add(line.substring(1));
                    }
                } else if (line.startsWith("id:")) {
                    id = value(line, 3);
                } else if (line.startsWith("event:")) {
                    name = value(line, 6);
                } else if (line.startsWith("data:")) {
                    data = data == null ? new StringBuilder() : data.append('\n');
                    data.append(value(line, 5));
                }
            }
            ended = true;
        } catch (IOException e) {
            // closed by the test
        }
    }

    private static String value(String line, int prefix) {
        String value = line.substring(prefix);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // gone already
        }
        reader.interrupt();
    }
}
