package io.picturepipeline.bench.stack;

import io.picturepipeline.launcher.JvmProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

/** Whether the ingest-api came through a run: alive, UP, and no OutOfMemoryError in its log. */
final class IngestHealth {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private IngestHealth() {}

    /** Empty when the ingest-api is alive and UP; otherwise what is wrong, including an OutOfMemoryError in its log. */
    static String problems(JvmProcess api, URI health) {
        StringBuilder problems = new StringBuilder();
        if (!api.isAlive()) {
            problems.append("; the ingest-api process has exited");
        } else if (!isUp(health)) {
            problems.append("; the ingest-api is not UP afterwards");
        }
        try {
            if (Files.readString(api.log()).contains("OutOfMemoryError")) {
                problems.append("; the ingest-api log shows an OutOfMemoryError");
            }
        } catch (IOException | RuntimeException e) {
            // no log to read
        }
        return problems.toString();
    }

    private static boolean isUp(URI health) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(health)
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
