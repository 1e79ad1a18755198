package io.picturepipeline.generation.provider.replicate;

import java.time.Duration;

/** Durations as Go writes them, the format of Replicate's {@code Cancel-After} header. */
final class GoDuration {

    private GoDuration() {}

    /** {@code Cancel-After}'s format, Go's duration: {@code 10m}, {@code 1h30m}, {@code 45s}, {@code 1500ms}. */
    static String of(Duration duration) {
        if (duration.toMillisPart() != 0 || duration.isZero()) {
            return duration.toMillis() + "ms";
        }
        StringBuilder text = new StringBuilder();
        if (duration.toHours() > 0) {
            text.append(duration.toHours()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            text.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0) {
            text.append(duration.toSecondsPart()).append('s');
        }
        return text.toString();
    }
}
