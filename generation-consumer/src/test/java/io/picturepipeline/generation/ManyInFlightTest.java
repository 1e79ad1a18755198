package io.picturepipeline.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.retry.RetrySettings;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.Topics;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

class ManyInFlightTest extends StageIntegrationTest {

    private static final int GENERATIONS = 200;

    @Autowired
    private GenerationSettings settings;

    @Autowired
    private Environment environment;

    @Autowired
    private RetrySettings retrySettings;

    @Test
    void twoHundredSlowPredictionsAreAwaitedAtOnceByAFewThreads() throws Exception {
        List<GenerationRequested> requests = IntStream.range(0, GENERATIONS)
                .mapToObj(i -> request("lighthouse number " + i + " [latency:PT2S]"))
                .toList();

        long createdBefore = PROVIDER.stats().created();

        requests.forEach(StageIntegrationTest::publish);

        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> requests.stream()
                        .allMatch(r -> topics().records(Topics.DOWNLOAD, r.generationId())
                                        .size()
                                == 1));

        int listenerThreads = environment.getRequiredProperty("spring.kafka.listener.concurrency", Integer.class);
        int awaitingThreads = settings.pollWorkers() + settings.replicate().httpThreads() + 1;
        assertThat(threads(name -> name.matches("generation-consumer-\\d+-C-\\d+")))
                .as("consumer threads of the generate topic's listener")
                .isLessThanOrEqualTo(listenerThreads);
        assertThat(threads(
                        name -> name.startsWith("generation-consumer" + Topics.RETRY_SUFFIX) && name.contains("-C-")))
                .as("one consumer per backoff tier")
                .isLessThanOrEqualTo(retrySettings.tierDelays().size() * retrySettings.tierConcurrency());
        assertThat(threads(name -> name.startsWith("generation-poll-"))).isLessThanOrEqualTo(settings.pollWorkers());
        assertThat(threads(name -> name.startsWith("replicate-http-")))
                .isLessThanOrEqualTo(settings.replicate().httpThreads());
        assertThat(threads(name -> name.startsWith("scheduling-"))).isLessThanOrEqualTo(1);
        assertThat(peakConcurrentPredictions(requests))
                .as("predictions in flight at the same moment")
                .isGreaterThan(2 * (listenerThreads + awaitingThreads));
        assertThat(PROVIDER.stats().created() - createdBefore)
                .as("predictions created")
                .isEqualTo(GENERATIONS);
    }

    @Test
    void metricsAreExposedForPrometheus() throws Exception {
        GenerationRequested requested = request("a measured lighthouse");
        publish(requested);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> topics().records(Topics.DOWNLOAD, requested.generationId())
                                .size()
                        == 1);

        HttpResponse<String> scrape = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/actuator/prometheus"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("pipeline_predictions_in_flight")
                .containsPattern("pipeline_provider_latency_seconds_count\\{[^}]*operation=\"create\"")
                // no poll metric: a prediction this fast is settled from its sync-mode create answer (SyncModeTest)
                .containsPattern("pipeline_provider_creates_total\\{[^}]*mode=\"(sync|async)\"");
    }

    private static long threads(java.util.function.Predicate<String> name) {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name)
                .count();
    }

    /**
     * The most predictions between their create call and their end at the same instant, from the table: from the
     * intent recorded just before the call ({@code created_at}), as a sync-mode create holds the prediction's whole
     * run before its id is recorded ({@code started_at}).
     */
    private int peakConcurrentPredictions(List<GenerationRequested> requests) {
        List<Map.Entry<Instant, Integer>> edges = new ArrayList<>();
        for (GenerationRequested r : requests) {
            jdbc.sql("SELECT created_at, updated_at FROM generation.prediction WHERE generation_id = :id")
                    .param("id", r.generationId())
                    .query((rs, n) -> {
                        edges.add(Map.entry(rs.getTimestamp(1).toInstant(), +1));
                        edges.add(Map.entry(rs.getTimestamp(2).toInstant(), -1));
                        return n;
                    })
                    .list();
        }
        edges.sort(Comparator.<Map.Entry<Instant, Integer>, Instant>comparing(Map.Entry::getKey)
                .thenComparing(Map.Entry::getValue));
        int current = 0;
        int peak = 0;
        for (Map.Entry<Instant, Integer> edge : edges) {
            current += edge.getValue();
            peak = Math.max(peak, current);
        }
        return peak;
    }
}
