package io.picturepipeline.schemas;

import java.util.Locale;

/**
 * The pipeline's processing stages, each with its own input topic, retry tiers and dead-letter topic. {@link #WEBHOOK}
 * (the ingest-api's delivery of client webhooks) is keyed by endpoint, not by generation: its failures are never
 * announced on the lifecycle topic, and never fail a generation.
 */
public enum Stage {
    GENERATE(Topics.GENERATE),
    DOWNLOAD(Topics.DOWNLOAD),
    WEBHOOK(Topics.WEBHOOK);

    private final String topic;

    Stage(String topic) {
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    /** The lower-case name used in headers, metrics and the ops CLI ({@code generate}, {@code download}, {@code webhook}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
