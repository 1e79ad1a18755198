package io.picturepipeline.ops;

import io.picturepipeline.schemas.DeadLetterRef;
import io.picturepipeline.schemas.EventHeaders;
import io.picturepipeline.schemas.FailureHeaders;
import io.picturepipeline.schemas.Stage;
import io.picturepipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

/** One record of a dead-letter topic, as stored, with what its failure headers say. */
record DeadLetter(
        DeadLetterRef ref, @Nullable String key, byte @Nullable [] value, Instant at, Map<String, String> headers) {

    static DeadLetter of(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        return new DeadLetter(
                new DeadLetterRef(record.topic(), record.partition(), record.offset()),
                record.key(),
                record.value(),
                Instant.ofEpochMilli(record.timestamp()),
                Collections.unmodifiableMap(headers));
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** {@code generate}, {@code download}, {@code lifecycle}: from the headers, else from the topic. */
    String stage() {
        return header(FailureHeaders.STAGE).orElseGet(() -> {
            String main = Topics.mainTopicOf(ref.topic());
            return main.substring(main.lastIndexOf('.') + 1);
        });
    }

    Optional<Stage> pipelineStage() {
        return Topics.stageOf(ref.topic());
    }

    /** The topic a replay writes to. */
    String sourceTopic() {
        return header(FailureHeaders.ORIGINAL_TOPIC).orElseGet(ref::sourceTopic);
    }

    String exceptionClass() {
        return header(FailureHeaders.EXCEPTION_CLASS)
                .or(() -> header("kafka_dlt-exception-fqcn"))
                .orElse("unknown");
    }

    String errorClass() {
        String full = exceptionClass();
        return full.substring(full.lastIndexOf('.') + 1);
    }

    String message() {
        return header(FailureHeaders.EXCEPTION_MESSAGE)
                .or(() -> header("kafka_dlt-exception-message"))
                .orElse("");
    }

    int attempts() {
        return intHeader(FailureHeaders.ATTEMPTS, 1);
    }

    int replayCount() {
        return intHeader(FailureHeaders.REPLAY_COUNT, 0);
    }

    boolean terminal() {
        return header(FailureHeaders.TERMINAL).map("true"::equals).orElse(false);
    }

    /** The original value's size when only its beginning was kept ({@link FailureHeaders#VALUE_TRUNCATED}). */
    Optional<Integer> truncatedFrom() {
        return header(FailureHeaders.VALUE_TRUNCATED).map(size -> Integer.parseInt(size.trim()));
    }

    boolean parked() {
        return header(FailureHeaders.PARKED).map("true"::equals).orElse(false);
    }

    Optional<String> type() {
        return header(EventHeaders.TYPE);
    }

    Optional<UUID> generationId() {
        String candidate = header(FailureHeaders.GENERATION_ID).orElse(key);
        try {
            return candidate == null ? Optional.empty() : Optional.of(UUID.fromString(candidate));
        } catch (IllegalArgumentException notAGenerationId) {
            return Optional.empty();
        }
    }

    String payloadText() {
        return value == null ? "" : new String(value, StandardCharsets.UTF_8);
    }

    private int intHeader(String name, int otherwise) {
        try {
            return header(name).map(String::trim).map(Integer::parseInt).orElse(otherwise);
        } catch (NumberFormatException unreadable) {
            return otherwise;
        }
    }
}
