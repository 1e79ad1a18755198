package io.picturepipeline.schemas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Every topic name of the pipeline, in one place. Retry and dead-letter topics follow one convention:
 * {@code <topic>-retry-<tier>} and {@code <topic>-dlt}. Every record is keyed by its generation id, except on
 * {@link #DLT_AUDIT}, which is keyed by dead-letter reference, and on {@link #WEBHOOK}, keyed by
 * {@link #webhookKey endpoint}.
 */
public final class Topics {

    public static final String GENERATE = "pipeline.generate";
    public static final String DOWNLOAD = "pipeline.download";
    public static final String LIFECYCLE = "pipeline.lifecycle";

    /**
     * One client webhook delivery per record (one lifecycle event for one endpoint), written and consumed by the
     * ingest-api. Keyed by endpoint ({@link #webhookKey}, never a bare UUID, so the shared failure policy does not
     * take it for a generation): one endpoint's deliveries stay in order on one partition.
     */
    public static final String WEBHOOK = "pipeline.webhook";

    /**
     * What ops did with each dead letter (replayed, resolved), keyed by its reference
     * ({@code <dlt-topic>:<partition>:<offset>}), plus one summary per CLI run; compacted, so the newest state of a
     * dead letter is kept forever.
     */
    public static final String DLT_AUDIT = "pipeline.dlt-audit";

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

    /** The key of a {@link #WEBHOOK} record: {@code endpoint-<endpoint id>}. */
    public static String webhookKey(UUID endpointId) {
        return "endpoint-" + endpointId;
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /**
     * Where an event that hands a generation on to a stage is written, in order: the lifecycle topic first, then the
     * stage's topic, so {@code pipeline.lifecycle} shows a generation reach a stage before the stage can act on it.
     */
    public static List<String> handOff(String stageTopic) {
        return List.of(LIFECYCLE, stageTopic);
    }

    /** The topic a retry tier or dead-letter topic belongs to: {@code pipeline.generate-retry-1} → {@code pipeline.generate}. */
    public static String mainTopicOf(String topic) {
        int retry = topic.indexOf(RETRY_SUFFIX);
        if (retry >= 0) {
            return topic.substring(0, retry);
        }
        return topic.endsWith(DEAD_LETTER_SUFFIX)
                ? topic.substring(0, topic.length() - DEAD_LETTER_SUFFIX.length())
                : topic;
    }

    /** The stage whose input, retry tier or dead-letter topic this is; empty for any other topic. */
    public static Optional<Stage> stageOf(String topic) {
        String main = mainTopicOf(topic);
        for (Stage stage : Stage.values()) {
            if (stage.topic().equals(main)) {
                return Optional.of(stage);
            }
        }
        return Optional.empty();
    }

    /**
     * The declaration of every topic. Work topics keep a week; the lifecycle topic keeps everything because the
     * projection is rebuilt from it; dead letters stay until ops resolve them; the audit of what ops did is
     * compacted and kept.
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
        specs.add(new TopicSpec(deadLetter(LIFECYCLE), partitions, TopicSpec.FOREVER));
        specs.add(new TopicSpec(DLT_AUDIT, partitions, TopicSpec.FOREVER, true));
        return List.copyOf(specs);
    }
}
