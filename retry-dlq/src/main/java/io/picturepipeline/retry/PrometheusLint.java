package io.picturepipeline.retry;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Keeps every service's scrape free of {@code promtool check metrics} findings where the frameworks' meters carry
 * them. Meters counted in milli-, micro- or nanoseconds ({@code kafka_producer_io_time_ns_total},
 * {@code process_cpu_time_ns_total}; a filter cannot rescale them to seconds) and Spring Security's filter-chain
 * observations (a meter per filter, camel-cased, undescribed) are dropped: no dashboard or alert reads them. Gauges
 * named {@code .count} become plurals ({@code kafka_consumer_connections}), and a meter without a description gets
 * one. Our own {@code pipeline.*} meters need none of it.
 */
final class PrometheusLint implements MeterFilter {

    private static final Set<String> SUBSECOND_UNITS = Set.of("ms", "us", "ns");

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "http.server.requests", "HTTP requests the server has handled, by outcome",
            "http.server.requests.active", "HTTP requests the server is handling now",
            "http.client.requests", "HTTP requests this service has made, by outcome",
            "http.client.requests.active", "HTTP requests this service is making now");

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        boolean subsecond = (id.getBaseUnit() != null && SUBSECOND_UNITS.contains(id.getBaseUnit()))
                || Arrays.stream(id.getName().split("\\.")).anyMatch(SUBSECOND_UNITS::contains);
        return subsecond || id.getName().startsWith("spring.security.")
                ? MeterFilterReply.DENY
                : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        String name = id.getName();
        if (id.getType() == Meter.Type.GAUGE && name.endsWith(".count") && name.lastIndexOf('.') > 0) {
            name = name.substring(0, name.length() - ".count".length()) + "s";
        }
        String description = id.getDescription();
        if (description == null || description.isBlank()) {
            description = DESCRIPTIONS.getOrDefault(id.getName(), described(id.getName()));
        }
        if (name.equals(id.getName()) && description.equals(id.getDescription())) {
            return id;
        }
        return new Meter.Id(name, Tags.of(id.getTags()), id.getBaseUnit(), description, id.getType());
    }

    /** For a library meter that came without a description: where it comes from, in its own words. */
    private static String described(String name) {
        String origin = name.startsWith("kafka.") ? "the Kafka client" : "a library";
        return name.replace('.', ' ') + " (as reported by " + origin + ")";
    }
}
