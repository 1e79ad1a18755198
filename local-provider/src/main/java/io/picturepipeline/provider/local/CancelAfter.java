package io.picturepipeline.provider.local;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replicate's prediction deadline, the {@code Cancel-After} header on create: a duration such as {@code 30s},
 * {@code 5m}, {@code 1h} or combined {@code 1h30m45s}; a bare number is seconds. At least 5 seconds.
 */
final class CancelAfter {

    static final Duration MINIMUM = Duration.ofSeconds(5);

    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?[hms]?)+");
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)([hms]?)");

    private CancelAfter() {}

    /** The deadline measured from creation, or {@code null} without the header; a bad value is a 422. */
    static Duration parse(String header) {
        if (header == null) {
            return null;
        }
        String value = header.trim().toLowerCase(java.util.Locale.ROOT);
        if (!WHOLE.matcher(value).matches()) {
            throw ApiException.invalid(
                    "Cancel-After must be a duration like 30s, 5m or 1h30m (a bare number is seconds), got: " + header);
        }
        Matcher part = PART.matcher(value);
        long millis = 0;
        while (part.find()) {
            double amount = Double.parseDouble(part.group(1));
            long unit = switch (part.group(2)) {
                case "h" -> 3_600_000;
                case "m" -> 60_000;
                default -> 1_000;
            };
            millis += Math.round(amount * unit);
        }
        Duration duration = Duration.ofMillis(millis);
        if (duration.compareTo(MINIMUM) < 0) {
            throw ApiException.invalid("Cancel-After must be at least " + MINIMUM.toSeconds() + "s, got: " + header);
        }
        return duration;
    }
}
