package io.picturepipeline.bench.report;

import io.picturepipeline.bench.report.Results.ComponentUsage;
import io.picturepipeline.bench.report.Results.Scenario;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Milliseconds of CPU per completed generation, per component: the CPU each process used over the run's window
 * (arrivals and drain) divided by the generations that completed in it. Idle work in the window (heartbeats, polls
 * of empty queues) counts too: it is what a generation costs on a machine that runs only this.
 */
public final class CpuPerGeneration {

    /** The report's columns, in order, with the component names they read. */
    public static final Map<String, List<String>> COLUMNS = columns();

    public static final String TOTAL = "total";

    private CpuPerGeneration() {}

    private static Map<String, List<String>> columns() {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        columns.put("ingest-api", List.of("ingest-api"));
        columns.put("generation-consumer", List.of("generation-consumer"));
        columns.put("download-consumer", List.of("download-consumer"));
        columns.put("projection", List.of("projection"));
        columns.put("four services in one JVM", List.of("one-process"));
        columns.put("seeds app", List.of("seeds (start-generation + worker)"));
        columns.put("broker", List.of("kafka-broker"));
        columns.put("PostgreSQL", List.of("postgres"));
        columns.put("provider", List.of("local-provider"));
        columns.put("load generator", List.of("bench (load + watcher)"));
        return java.util.Collections.unmodifiableMap(columns);
    }

    /** Column → ms per completed generation, for the components the run measured, and the total; empty if none completed. */
    public static Map<String, Double> of(Scenario run) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (run.completed() <= 0 || run.components().isEmpty()) {
            return out;
        }
        double total = 0;
        for (Map.Entry<String, List<String>> column : COLUMNS.entrySet()) {
            double seconds = 0;
            boolean seen = false;
            for (ComponentUsage usage : run.components()) {
                if (column.getValue().contains(usage.component())) {
                    seconds += usage.cpuSeconds();
                    seen = true;
                }
            }
            if (seen) {
                double ms = seconds * 1000 / run.completed();
                out.put(column.getKey(), ms);
                total += ms;
            }
        }
        out.put(TOTAL, total);
        return out;
    }
}
