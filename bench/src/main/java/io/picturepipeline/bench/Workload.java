package io.picturepipeline.bench;

import java.time.Duration;

/**
 * One measured run: a system under an open-loop arrival rate for a while, with the provider at a given latency.
 *
 * @param system {@code pipeline}, {@code seeds-cadence} or {@code seeds-tuned-N}
 * @param label how the run is named in the report
 * @param drain how long to wait after the last arrival for outstanding generations to finish
 * @param profile record JFR in every service during the run (its figures are then not used for targets)
 */
public record Workload(
        String system,
        String label,
        Duration providerLatency,
        double rate,
        Duration duration,
        Duration drain,
        boolean profile) {

    public Workload {
        if (label.isEmpty()) {
            label = rateLabel(rate) + "/s";
        }
    }

    public Workload profiled() {
        return new Workload(system, label + " (profiled)", providerLatency, rate, duration, drain, true);
    }

    public Workload labelled(String newLabel) {
        return new Workload(system, newLabel, providerLatency, rate, duration, drain, profile);
    }

    static String rateLabel(double rate) {
        return rate == Math.rint(rate)
                ? Long.toString((long) rate)
                : String.format(java.util.Locale.ROOT, "%.3g", rate);
    }
}
