package io.picturepipeline.schemas;

import java.time.Duration;

/**
 * How a topic is declared. {@link #FOREVER} retention keeps records until deleted on purpose; a {@code compacted}
 * topic keeps the newest record of each key.
 */
public record TopicSpec(String name, int partitions, Duration retention, boolean compacted) {

    public static final Duration FOREVER = Duration.ofMillis(-1);

    public TopicSpec {
        Require.text(name, "name");
        Require.between(partitions, 1, 10_000, "partitions");
        Require.present(retention, "retention");
    }

    public TopicSpec(String name, int partitions, Duration retention) {
        this(name, partitions, retention, false);
    }

    /** The value of the topic config {@code retention.ms}. */
    public String retentionMs() {
        return Long.toString(retention.toMillis());
    }

    /** The value of the topic config {@code cleanup.policy}. */
    public String cleanupPolicy() {
        return compacted ? "compact" : "delete";
    }
}
