package io.picturepipeline.bench.sse;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Heap per idle SSE stream: the ingest-api's live heap (after the full GC of {@code jcmd GC.class_histogram}) with
 * the streams open and before any event, minus its live heap before they opened, divided by the streams open.
 */
public final class HeapPerStream {

    public static final String KEY =
            "ingest-api heap per idle stream (KB, live heap with the streams open minus before)";

    private HeapPerStream() {}

    /** The {@code total … MB live} line of a histogram as the bench renders it. */
    public static OptionalDouble liveMb(List<String> histogram) {
        for (String line : histogram) {
            if (line.startsWith("total ") && line.endsWith(" MB live")) {
                try {
                    return OptionalDouble.of(Double.parseDouble(
                            line.substring(6, line.length() - 8).trim()));
                } catch (NumberFormatException e) {
                    return OptionalDouble.empty();
                }
            }
        }
        return OptionalDouble.empty();
    }

    public static OptionalDouble kbPerStream(OptionalDouble beforeMb, OptionalDouble openMb, int streamsOpen) {
        if (beforeMb.isEmpty() || openMb.isEmpty() || streamsOpen <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((openMb.getAsDouble() - beforeMb.getAsDouble()) * 1024 / streamsOpen);
    }
}
