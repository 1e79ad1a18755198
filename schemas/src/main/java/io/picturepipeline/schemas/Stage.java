package io.picturepipeline.schemas;

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
}
