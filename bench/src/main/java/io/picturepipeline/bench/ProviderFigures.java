package io.picturepipeline.bench;

import io.picturepipeline.bench.measure.PeakInWindow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What the provider saw during one run (its {@code /admin/stats} counters before and after), per prediction and per
 * generation, the 429s the generation-consumer received, and how close the run came to Replicate's per-minute
 * limits (the most calls in any 60 s, from the counters sampled once a second). The keys are the report's.
 */
final class ProviderFigures {

    static final String CREATES = "provider creates";
    static final String POLLS = "provider polls";
    static final String POLLS_PER_PREDICTION = "provider polls per prediction";
    static final String CREATES_PER_GENERATION = "provider creates per accepted generation";
    static final String RATE_LIMITED = "429s received by the generation-consumer";
    static final String INJECTED = "errors the provider injected";
    static final String PEAK_CREATES = "most provider creates in any 60 s (Replicate allows 600)";
    static final String PEAK_OTHER = "most other provider calls in any 60 s (Replicate allows 3,000)";
    static final Duration MINUTE = Duration.ofSeconds(60);

    private ProviderFigures() {}

    /** What the provider saw during the run: predictions, polls per prediction, downloads. */
    static String delta(String before, String after) {
        double created = Runner.jsonNumber(after, "created").orElse(0)
                - Runner.jsonNumber(before, "created").orElse(0);
        double polls = Runner.jsonNumber(after, "polls").orElse(0)
                - Runner.jsonNumber(before, "polls").orElse(0);
        double downloads = Runner.jsonNumber(after, "fileDownloads").orElse(0)
                - Runner.jsonNumber(before, "fileDownloads").orElse(0);
        return String.format(
                Locale.ROOT,
                "%.0f predictions, %.0f polls (%s per prediction), %.0f image downloads",
                created,
                polls,
                created > 0 ? Runner.fmt(polls / created) : "—",
                downloads);
    }

    /** Calls other than creates that count against Replicate's second budget: polls, lists, cancels. */
    static long otherCalls(String stats) {
        return (long) (Runner.jsonNumber(stats, "polls").orElse(0)
                + Runner.jsonNumber(stats, "lists").orElse(0)
                + Runner.jsonNumber(stats, "cancels").orElse(0));
    }

    static long creates(String stats) {
        return (long) Runner.jsonNumber(stats, "created").orElse(0);
    }

    static Map<String, Object> between(
            String before,
            String after,
            long accepted,
            OptionalDouble rateLimitedBefore,
            OptionalDouble rateLimitedAfter,
            PeakInWindow createsPeak,
            PeakInWindow otherPeak) {
        Map<String, Object> out = new LinkedHashMap<>();
        long created = creates(after) - creates(before);
        long polls = (long) (Runner.jsonNumber(after, "polls").orElse(0)
                - Runner.jsonNumber(before, "polls").orElse(0));
        out.put(CREATES, created);
        out.put(POLLS, polls);
        if (created > 0) {
            out.put(POLLS_PER_PREDICTION, round3(polls / (double) created));
        }
        if (accepted > 0) {
            out.put(CREATES_PER_GENERATION, round3(created / (double) accepted));
        }
        if (rateLimitedBefore.isPresent() && rateLimitedAfter.isPresent()) {
            out.put(RATE_LIMITED, Math.round(rateLimitedAfter.getAsDouble() - rateLimitedBefore.getAsDouble()));
        }
        out.put(
                INJECTED,
                Math.round(Runner.jsonNumber(after, "injectedErrors").orElse(0)
                        - Runner.jsonNumber(before, "injectedErrors").orElse(0)));
        out.put(PEAK_CREATES, createsPeak.maxIncrease(MINUTE));
        out.put(PEAK_OTHER, otherPeak.maxIncrease(MINUTE));
        return out;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
