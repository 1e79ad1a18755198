package io.picturepipeline.schemas;

/**
 * Where one dead letter lies: {@code <dlt-topic>:<partition>:<offset>}, e.g. {@code pipeline.generate-dlt:3:17}.
 * It names the record for ops, the audit topic and the lifecycle events about it.
 */
public record DeadLetterRef(String topic, int partition, long offset) {

    public DeadLetterRef {
        Require.text(topic, "topic");
        if (!topic.endsWith(Topics.DEAD_LETTER_SUFFIX)) {
            throw new IllegalArgumentException(
                    topic + " is not a dead-letter topic (…" + Topics.DEAD_LETTER_SUFFIX + ")");
        }
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("partition and offset must not be negative");
        }
    }

    /** Parses {@code <dlt-topic>:<partition>:<offset>}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static DeadLetterRef parse(String text) {
        String value = text == null ? "" : text.trim();
        int second = value.lastIndexOf(':');
        int first = second <= 0 ? -1 : value.lastIndexOf(':', second - 1);
        if (first <= 0) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a dead-letter ref: expected <dlt-topic>:<partition>:<offset>, "
                            + "e.g. pipeline.generate-dlt:3:17");
        }
        try {
            return new DeadLetterRef(
                    value.substring(0, first),
                    Integer.parseInt(value.substring(first + 1, second)),
                    Long.parseLong(value.substring(second + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a dead-letter ref: partition and offset must be numbers", e);
        }
    }

    /** The topic a replay sends the record back to. */
    public String sourceTopic() {
        return Topics.mainTopicOf(topic);
    }

    @Override
    public String toString() {
        return topic + ":" + partition + ":" + offset;
    }
}
