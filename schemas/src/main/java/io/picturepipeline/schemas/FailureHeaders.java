package io.picturepipeline.schemas;

import java.util.List;

/**
 * The headers the retry policy writes on retry-tier and dead-letter records, and the ops CLI reads. Each one is
 * written once per hop, replacing the value of the previous hop, so a record's headers never grow with attempts or
 * replays. Values are UTF-8 text; times are ISO-8601 instants.
 */
public final class FailureHeaders {

    /** The stage that failed: {@code generate}, {@code download} (or {@code lifecycle} for the projection). */
    public static final String STAGE = "pp-stage";
    /** Where the record was first consumed: the stage's input topic, where a replay sends it back. */
    public static final String ORIGINAL_TOPIC = "pp-original-topic";

    public static final String ORIGINAL_PARTITION = "pp-original-partition";
    public static final String ORIGINAL_OFFSET = "pp-original-offset";
    /** The original record's timestamp. */
    public static final String ORIGINAL_TIMESTAMP = "pp-original-timestamp";
    /** The fully qualified class of the stage's exception (not spring-kafka's wrapper). */
    public static final String EXCEPTION_CLASS = "pp-exception-class";
    /** The exception's message, at most {@link #MAX_MESSAGE_LENGTH} characters. */
    public static final String EXCEPTION_MESSAGE = "pp-exception-message";
    /** Delivery attempts so far, since the record was published or last replayed. */
    public static final String ATTEMPTS = "pp-attempts";

    public static final String FIRST_FAILURE = "pp-first-failure";
    public static final String LAST_FAILURE = "pp-last-failure";
    /** The record's key when it is a generation id. */
    public static final String GENERATION_ID = "pp-generation-id";
    /** Retry records only: when the record may be processed again. */
    public static final String DUE_AT = "pp-due-at";
    /** How many times ops replayed this record; carried through every later hop. */
    public static final String REPLAY_COUNT = "pp-replay-count";
    /** The dead letter ({@code <dlt-topic>:<partition>:<offset>}) this record was replayed from: one ref, not a chain. */
    public static final String REPLAY_OF = "pp-replay-of";
    /** {@code true} when the stage failed the generation for good ({@code GenerationFailed}): never replayed. */
    public static final String TERMINAL = "pp-terminal";
    /** {@code true} when a replayed record failed again: only replayed again when named by its ref. */
    public static final String PARKED = "pp-parked";
    /**
     * The original value's size in bytes, when it was too large to forward whole (over {@link #MAX_FORWARDED_VALUE}):
     * the record then carries only the value's first {@link #TRUNCATED_VALUE} bytes, as evidence. Never replayed.
     */
    public static final String VALUE_TRUNCATED = "pp-value-truncated";

    public static final int MAX_MESSAGE_LENGTH = 512;
    /** The largest value forwarded whole: below the producers' 1 MiB request limit, with room for the headers. */
    public static final int MAX_FORWARDED_VALUE = 1_000_000;

    public static final int TRUNCATED_VALUE = 64 * 1024;

    /** Every header of this contract: what a hop or a replay replaces. */
    public static final List<String> ALL = List.of(
            STAGE,
            ORIGINAL_TOPIC,
            ORIGINAL_PARTITION,
            ORIGINAL_OFFSET,
            ORIGINAL_TIMESTAMP,
            EXCEPTION_CLASS,
            EXCEPTION_MESSAGE,
            ATTEMPTS,
            FIRST_FAILURE,
            LAST_FAILURE,
            GENERATION_ID,
            DUE_AT,
            REPLAY_COUNT,
            REPLAY_OF,
            TERMINAL,
            PARKED,
            VALUE_TRUNCATED);

    /** Prefixes of spring-kafka's own failure headers, which grow and carry stack traces: never forwarded. */
    public static final List<String> FOREIGN_PREFIXES = List.of("kafka_dlt-", "retry_topic-");

    private FailureHeaders() {}
}
