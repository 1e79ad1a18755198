package io.picturepipeline.bench.measure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/** Reads one gauge from a service's {@code /actuator/prometheus} (the largest value over its label sets). */
public final class Prometheus {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Prometheus() {}

    public static OptionalDouble scrape(URI endpoint, String metric) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(endpoint)
                            .timeout(Duration.ofSeconds(3))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? value(response.body(), metric) : OptionalDouble.empty();
        } catch (java.io.IOException e) {
            return OptionalDouble.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        }
    }

    /** The largest sample of {@code metric} in a Prometheus text exposition. */
    static OptionalDouble value(String exposition, String metric) {
        double max = Double.NEGATIVE_INFINITY;
        boolean found = false;
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(metric)) {
                continue;
            }
            String rest = line.substring(metric.length());
            if (!(rest.startsWith(" ") || rest.startsWith("{"))) {
                continue; // another metric sharing the prefix
            }
            String[] parts = line.trim().split("\\s+");
            try {
                max = Math.max(max, Double.parseDouble(parts[parts.length - 1]));
                found = true;
            } catch (NumberFormatException ignored) {
                // not a sample line
            }
        }
        return found ? OptionalDouble.of(max) : OptionalDouble.empty();
    }
}
