package io.picturepipeline.ops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Which dead letters a command is about. All given filters must match. */
final class Filters {

    @Option(names = "--stage", paramLabel = "STAGE", description = "generate, download or lifecycle")
    @Nullable
    String stage;

    @Option(
            names = "--error-class",
            paramLabel = "CLASS",
            description = "the exception's class, simple or fully qualified, e.g. ProviderUnavailableException")
    @Nullable
    String errorClass;

    @Option(
            names = "--text",
            paramLabel = "TEXT",
            description = "text in the error message, the key or the payload (case-insensitive)")
    @Nullable
    String text;

    @Option(
            names = "--since",
            paramLabel = "TIME",
            description = "dead-lettered at or after TIME: 2026-11-24T10:00:00Z, 2026-11-24 or a time ago (2h)")
    @Nullable
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "dead-lettered before TIME (same forms)")
    @Nullable
    String until;

    @Option(names = "--generation", paramLabel = "ID", description = "the generation id")
    @Nullable
    UUID generation;

    boolean any() {
        return stage != null
                || errorClass != null
                || text != null
                || since != null
                || until != null
                || generation != null;
    }

    Predicate<DeadLetter> predicate(Instant now) {
        List<Predicate<DeadLetter>> all = new ArrayList<>();
        if (stage != null) {
            all.add(d -> d.stage().equalsIgnoreCase(stage.trim()));
        }
        if (errorClass != null) {
            String wanted = errorClass.trim();
            all.add(d -> d.exceptionClass().equalsIgnoreCase(wanted)
                    || d.errorClass().equalsIgnoreCase(wanted));
        }
        if (text != null) {
            String wanted = text.toLowerCase(Locale.ROOT);
            all.add(d -> d.message().toLowerCase(Locale.ROOT).contains(wanted)
                    || String.valueOf(d.key()).toLowerCase(Locale.ROOT).contains(wanted)
                    || d.payloadText().toLowerCase(Locale.ROOT).contains(wanted));
        }
        if (since != null) {
            Instant from = Durations.parseTime(since, now);
            all.add(d -> !d.at().isBefore(from));
        }
        if (until != null) {
            Instant to = Durations.parseTime(until, now);
            all.add(d -> d.at().isBefore(to));
        }
        if (generation != null) {
            all.add(d -> d.generationId().filter(generation::equals).isPresent());
        }
        return d -> all.stream().allMatch(p -> p.test(d));
    }

    /** How the selection reads in the audit: {@code --stage generate --since 2h}. */
    String describe() {
        StringBuilder text = new StringBuilder();
        append(text, "--stage", stage);
        append(text, "--error-class", errorClass);
        append(text, "--text", this.text);
        append(text, "--since", since);
        append(text, "--until", until);
        append(text, "--generation", generation == null ? null : generation.toString());
        return text.toString().trim();
    }

    private static void append(StringBuilder text, String option, @Nullable String value) {
        if (value != null) {
            text.append(' ').append(option).append(' ').append(value);
        }
    }
}
