package io.picturepipeline.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations and points in time as an operator types them: {@code 90s}, {@code 15m}, {@code 2h}, {@code 3d}. */
final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {}

    static Duration parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT.matcher(value);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + text + "' is not a duration: use e.g. 90s, 15m, 2h, 3d or PT2H");
        }
    }

    /** An instant ({@code 2026-11-24T10:00:00Z}), a day ({@code 2026-11-24}, UTC) or a time ago ({@code 2h}). */
    static Instant parseTime(String text, Instant now) {
        String value = text.trim();
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            // try the other forms
        }
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADay) {
            // try a time ago
        }
        try {
            return now.minus(parse(value));
        } catch (TypeConversionException notADuration) {
            throw new TypeConversionException("'" + text + "' is not a time: use 2026-11-24T10:00:00Z, 2026-11-24,"
                    + " or a time ago such as 30m, 2h, 3d");
        }
    }

    /** {@code 45s}, {@code 12m}, {@code 3h}, {@code 4d}: rounded down to the largest unit. */
    static String format(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (duration.toMillis() < 1000 && duration.toMillis() > 0) {
            return duration.toMillis() + "ms";
        }
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 120 * 60) {
            return seconds / 60 + "m";
        }
        if (seconds < 48 * 3600) {
            return seconds / 3600 + "h";
        }
        return seconds / 86400 + "d";
    }

    static final class Converter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parse(value);
        }
    }
}
