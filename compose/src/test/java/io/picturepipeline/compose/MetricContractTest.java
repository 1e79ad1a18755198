package io.picturepipeline.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.Metrics;
import org.junit.jupiter.api.Test;

/**
 * The metric contract: {@code compose/metrics.txt} and the table of {@code docs/observability.md} say the same, and
 * every row, registered the way the contract says in Micrometer's real Prometheus registry, is exported under exactly
 * the Prometheus names the contract lists (which the dashboard and the alerts use), with the {@code application} tag,
 * in a scrape that {@code promtool check metrics} accepts.
 */
class MetricContractTest {

    private static final Pattern SERIES = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? ");

    @Test
    void theDocumentationShowsTheMachineReadableContract() {
        assertThat(MetricContract.fromObservabilityDoc()).containsExactlyElementsOf(MetricContract.fromMetricsTxt());
    }

    @Test
    void coversEveryMeasurementIssue7AsksFor() {
        assertThat(MetricContract.fromMetricsTxt().stream().map(MetricContract.Row::name))
                .contains(
                        "pipeline.submits",
                        "pipeline.submit.latency",
                        "pipeline.stage.duration",
                        "pipeline.predictions.in_flight",
                        "pipeline.retries",
                        "pipeline.dead_letters",
                        "kafka.consumer.fetch.manager.records.lag",
                        "pipeline.projection.lag",
                        "pipeline.sse.connections",
                        "pipeline.outbox.backlog",
                        "pipeline.outbox.oldest.age",
                        "pipeline.provider.latency",
                        "pipeline.provider.errors",
                        "pipeline.generations",
                        "pipeline.generations.stuck");
    }

    @Test
    void eachMeterIsExportedUnderTheContractsPrometheusNames() {
        for (MetricContract.Row row : MetricContract.fromMetricsTxt()) {
            if (row.type().equals("kafka client gauge")) {
                continue; // theConsumerLagNameIsTheOneMicrometerExportsForKafkasRecordsLag
            }
            PrometheusMeterRegistry registry = registry(row);
            register(registry, row);
            String scrape = registry.scrape();
            Set<String> names = new TreeSet<>();
            Matcher series = SERIES.matcher(scrape);
            while (series.find()) {
                names.add(series.group(1));
                String labels = series.group(3) == null ? "" : series.group(3);
                assertThat(labels)
                        .as(series.group())
                        .contains("application=\"" + row.emittedBy().get(0) + "\"");
                for (String tag : row.tags().keySet()) {
                    assertThat(labels).as(series.group()).contains(tag.replace('.', '_') + "=\"");
                }
            }
            assertThat(names).as(row.name()).containsExactlyInAnyOrderElementsOf(row.series());
            registry.close();
        }
    }

    @Test
    void theConsumerLagNameIsTheOneMicrometerExportsForKafkasRecordsLag() {
        MetricContract.Row lag = MetricContract.fromMetricsTxt().stream()
                .filter(row -> row.type().equals("kafka client gauge"))
                .findFirst()
                .orElseThrow();
        PrometheusMeterRegistry registry = registry(lag);
        try (KafkaClientMetrics metrics = kafkaClientMetrics(7)) {
            metrics.bindTo(registry);
            String scrape = registry.scrape();
            assertThat(scrape)
                    .containsPattern(
                            Pattern.compile("(?m)^" + lag.series().get(0) + "\\{[^}]*\\bpartition=\"0\"[^}]*} 7\\.0$"));
            Matcher series = SERIES.matcher(scrape);
            boolean found = false;
            while (series.find()) {
                if (series.group(1).equals(lag.series().get(0))) {
                    found = true;
                    for (String tag : lag.tags().keySet()) {
                        assertThat(series.group(3)).contains(tag.replace('.', '_') + "=\"");
                    }
                    assertThat(series.group(3)).contains("topic=\"pipeline.generate\"");
                }
            }
            assertThat(found).isTrue();
        }
        registry.close();
    }

    @Test
    void promtoolAcceptsTheScrapeOfTheWholeContract() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("application", "contract-test");
        for (MetricContract.Row row : MetricContract.fromMetricsTxt()) {
            register(registry, row);
        }
        try (KafkaClientMetrics metrics = kafkaClientMetrics(3)) {
            metrics.bindTo(registry);
            String scrape = registry.scrape();
            Promtool.Result result = Promtool.run(Repo.compose(), scrape, "check", "metrics");
            assertThat(result.exitCode())
                    .as(result.output() + "\n--- scrape ---\n" + scrape)
                    .isZero();
        }
        registry.close();
    }

    private static PrometheusMeterRegistry registry(MetricContract.Row row) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("application", row.emittedBy().get(0));
        return registry;
    }

    /** Registers a row's meter the way the contract tells the services to, with one sample value per tag. */
    private static void register(MeterRegistry registry, MetricContract.Row row) {
        List<String> tags = new ArrayList<>();
        row.tags().forEach((name, values) -> {
            tags.add(name);
            tags.add(values.get(0).equals("*") ? "sample" : values.get(0));
        });
        Tags meterTags = Tags.of(tags.toArray(String[]::new));
        String description = "contract: " + row.name();
        switch (row.type()) {
            case "counter" ->
                Counter.builder(row.name())
                        .description(description)
                        .tags(meterTags)
                        .register(registry)
                        .increment();
            case "timer (histogram)" ->
                Timer.builder(row.name())
                        .description(description)
                        .tags(meterTags)
                        .publishPercentileHistogram()
                        .register(registry)
                        .record(Duration.ofMillis(120));
            case "gauge" ->
                Gauge.builder(row.name(), () -> 2.0)
                        .description(description)
                        .tags(meterTags)
                        .register(registry);
            case "gauge (seconds)" ->
                Gauge.builder(row.name(), () -> 4.5)
                        .description(description)
                        .tags(meterTags)
                        .baseUnit("seconds")
                        .register(registry);
            case "kafka client gauge" -> {
                // bound from the Kafka client by KafkaClientMetrics, see kafkaClientMetrics()
            }
            default -> throw new IllegalArgumentException("unknown type " + row.type() + " of " + row.name());
        }
    }

    /**
     * What spring-kafka's MicrometerConsumerListener binds for every consumer: Micrometer's KafkaClientMetrics over
     * the consumer's metrics, here a consumer whose client carries the per-partition {@code records-lag} metric of
     * Kafka's fetcher (group {@code consumer-fetch-manager-metrics}).
     */
    private static KafkaClientMetrics kafkaClientMetrics(double lag) {
        Metrics kafka = new Metrics();
        MetricName recordsLag = kafka.metricName(
                "records-lag",
                "consumer-fetch-manager-metrics",
                "The latest lag of the partition",
                Map.of("client-id", "consumer-generation-consumer-1", "topic", "pipeline.generate", "partition", "0"));
        kafka.addMetric(recordsLag, (Measurable) (config, now) -> lag);
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest") {
            @Override
            public synchronized Map<MetricName, ? extends Metric> metrics() {
                return kafka.metrics();
            }
        };
        return new KafkaClientMetrics(consumer, Tags.of("spring.id", "consumerFactory.consumer-generation-consumer-1"));
    }
}
