package io.picturepipeline.schemas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every topic name of the pipeline, in one place. Retry and dead-letter topics follow one convention:
 * {@code <topic>-retry-<tier>} and {@code <topic>-dlt}. Every record is keyed by its generation id.
 */
public final class Topics {

    public static final String GENERATE = "pipeline.generate";
    public static final String DOWNLOAD = "pipeline.download";
    public static final String LIFECYCLE = "pipeline.lifecycle";

    public static final String RETRY_SUFFIX = "-retry-";
    public static final String DEAD_LETTER_SUFFIX = "-dlt";
    public static final int RETRY_TIERS = 3;

    private static final Duration WORK_RETENTION = Duration.ofDays(7);

    private Topics() {}

    public static String retry(String topic, int tier) {
        if (tier < 0 || tier >= RETRY_TIERS) {
            throw new IllegalArgumentException("retry tier must be in [0, " + RETRY_TIERS + ") but was " + tier);
        }
        return topic + RETRY_SUFFIX + tier;
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /**
     * The declaration of every topic. Work topics keep a week; the lifecycle topic keeps everything because the
     * projection is rebuilt from it; dead letters stay until ops resolve them.
     */
    public static List<TopicSpec> all(int partitions) {
        List<TopicSpec> specs = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            specs.add(new TopicSpec(stage.topic(), partitions, WORK_RETENTION));
            for (int tier = 0; tier < RETRY_TIERS; tier++) {
                specs.add(new TopicSpec(retry(stage.topic(), tier), partitions, WORK_RETENTION));
            }
            specs.add(new TopicSpec(deadLetter(stage.topic()), partitions, TopicSpec.FOREVER));
        }
        specs.add(new TopicSpec(LIFECYCLE, partitions, TopicSpec.FOREVER));
        return List.copyOf(specs);
    }
}
