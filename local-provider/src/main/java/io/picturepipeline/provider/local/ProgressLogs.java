package io.picturepipeline.provider.local;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Replicate-style diffusion logs: a seed line, then one tqdm progress line per finished inference step. */
final class ProgressLogs {

    private static final int BAR_WIDTH = 10;

    private ProgressLogs() {}

    static String at(Prediction prediction, Instant now) {
        Instant cutoff = now.isAfter(prediction.endsAt()) ? prediction.endsAt() : now;
        if (cutoff.isBefore(prediction.timeline.startedAt())) {
            return "";
        }
        ImageSpec image = prediction.image;
        int done = (int) Math.floor(image.steps() * prediction.timeline.progressAt(cutoff));
        StringBuilder logs =
                new StringBuilder("Using seed: ").append(image.seed()).append('\n');
        for (int step = 1; step <= done; step++) {
            logs.append(line(step, image.steps(), prediction.timeline.processing()))
                    .append('\n');
        }
        return logs.toString();
    }

    /** E.g. {@code "  50%|█████     | 2/4 [00:01<00:01,  1.90it/s]"}. */
    static String line(int step, int steps, Duration processing) {
        double secondsPerStep = Math.max(processing.toMillis() / 1000.0 / steps, 0.001);
        int percent = step * 100 / steps;
        int filled = step * BAR_WIDTH / steps;
        String bar = "█".repeat(filled) + " ".repeat(BAR_WIDTH - filled);
        return String.format(
                Locale.ROOT,
                " %3d%%|%s| %d/%d [%s<%s, %5.2fit/s]",
                percent,
                bar,
                step,
                steps,
                clock(secondsPerStep * step),
                clock(secondsPerStep * (steps - step)),
                1 / secondsPerStep);
    }

    private static String clock(double seconds) {
        long whole = Math.round(seconds);
        return String.format(Locale.ROOT, "%02d:%02d", whole / 60, whole % 60);
    }
}
