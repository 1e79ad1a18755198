package io.picturepipeline.ingest.stream;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The event id of the per-user stream: for every partition of {@code pipeline.lifecycle}, the next offset the client
 * has not been sent yet, in base 36, joined by dots, after a version prefix ({@code v1:0.1k.0.3f...}, index =
 * partition). Exact for
 * {@code Last-Event-ID}: everything below it was sent or is not the client's, everything from it on is replayed.
 */
final class StreamPosition {

    static final int MAX_PARTITIONS = 1024;
    static final String PREFIX = "v1:";

    private StreamPosition() {}

    static String encode(long[] next) {
        return Arrays.stream(next)
                .mapToObj(offset -> Long.toString(offset, 36))
                .collect(Collectors.joining(".", PREFIX, ""));
    }

    static Optional<long[]> decode(String id) {
        if (!id.startsWith(PREFIX) || id.length() > MAX_PARTITIONS * 14) {
            return Optional.empty();
        }
        String text = id.substring(PREFIX.length());
        if (text.isEmpty()) {
            return Optional.of(new long[0]);
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length > MAX_PARTITIONS) {
            return Optional.empty();
        }
        long[] next = new long[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                next[i] = Long.parseLong(parts[i], 36);
                if (next[i] < 0 || parts[i].startsWith("+") || parts[i].startsWith("-")) {
                    return Optional.empty();
                }
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(next);
    }
}
