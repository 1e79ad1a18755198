package io.picturepipeline.schemas;

import java.util.Locale;

/** The pipeline's processing stages, each with its own input topic. */
public enum Stage {
    GENERATE(Topics.GENERATE),
    DOWNLOAD(Topics.DOWNLOAD);

    private final String topic;

    Stage(String topic) {
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    /** The lower-case name used in headers, metrics and the ops CLI ({@code generate}, {@code download}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
