package io.picturepipeline.ingest.webhook;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Which of a generation's events an endpoint receives: the terminal one only, or every step a client sees. */
public enum EventFilter {
    TERMINAL,
    ALL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EventFilter> of(String wireName) {
        return Arrays.stream(values())
                .filter(filter -> filter.wireName().equals(wireName))
                .findFirst();
    }
}
