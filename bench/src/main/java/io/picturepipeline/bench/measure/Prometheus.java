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
        return exposition(endpoint).map(text -> value(text, metric)).orElse(OptionalDouble.empty());
    }

    /** The sum of {@code metric} over the label sets that contain {@code label} (such as {@code kind="rate_limited"}). */
    public static OptionalDouble scrapeSum(URI endpoint, String metric, String label) {
        return exposition(endpoint).map(text -> sum(text, metric, label)).orElse(OptionalDouble.empty());
    }

    private static java.util.Optional<String> exposition(URI endpoint) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(endpoint)
                            .timeout(Duration.ofSeconds(3))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? java.util.Optional.of(response.body()) : java.util.Optional.empty();
        } catch (java.io.IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    /**
     * The sum of {@code metric}'s samples whose labels contain {@code label}; zero when the metric is exposed without
     * such a sample (a counter is registered at its first increment), empty when the exposition is unreadable.
     */
    static OptionalDouble sum(String exposition, String metric, String label) {
        double total = 0;
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(metric + "{") || !line.contains(label)) {
                continue;
            }
            String[] parts = line.trim().split("\\s+");
            try {
                total += Double.parseDouble(parts[parts.length - 1]);
            } catch (NumberFormatException ignored) {
                // not a sample line
            }
        }
        return OptionalDouble.of(total);
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
