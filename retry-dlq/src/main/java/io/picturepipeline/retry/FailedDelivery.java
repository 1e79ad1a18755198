package io.picturepipeline.retry;

import io.picturepipeline.schemas.FailureHeaders;
import io.picturepipeline.schemas.Text;
import io.picturepipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.RecordBatch;
import org.jspecify.annotations.Nullable;

/**
 * One failed delivery of a record, read from the record and its {@link FailureHeaders}: where it was first consumed,
 * how many attempts it has had, since when it fails. {@link #forward} writes the record to its next hop with every
 * failure header replaced, never appended, and spring-kafka's own failure headers left out.
 */
final class FailedDelivery {

    private final ConsumerRecord<?, ?> record;
    private final Throwable failure;
    private final Instant now;

    FailedDelivery(ConsumerRecord<?, ?> record, Throwable failure, Instant now) {
        this.record = record;
        this.failure = failure;
        this.now = now;
    }

    ConsumerRecord<?, ?> record() {
        return record;
    }

    Throwable failure() {
        return failure;
    }

    Instant now() {
        return now;
    }

    /** This delivery's number: 1 for the first, counted from the headers (reset by a replay). */
    int attempt() {
        return intHeader(FailureHeaders.ATTEMPTS, 0) + 1;
    }

    int replayCount() {
        return intHeader(FailureHeaders.REPLAY_COUNT, 0);
    }

    String originalTopic() {
        String header = header(FailureHeaders.ORIGINAL_TOPIC);
        return header != null ? header : Topics.mainTopicOf(record.topic());
    }

    @Nullable
    UUID generationId() {
        Object key = record.key();
        if (key == null) {
            return null;
        }
        try {
            return UUID.fromString(key.toString());
        } catch (IllegalArgumentException notAGenerationId) {
            return null;
        }
    }

    String message() {
        return Text.truncate(String.valueOf(failure.getMessage()), FailureHeaders.MAX_MESSAGE_LENGTH);
    }

    /**
     * The record for {@code topic}, same key and value, the original's other headers, and the failure headers of
     * this hop: {@code attempts} deliveries so far, plus {@code extra} ({@code pp-due-at}, {@code pp-terminal},
     * {@code pp-parked}).
     */
    ProducerRecord<String, byte[]> forward(String topic, String stage, int attempts, Map<String, String> extra) {
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!FailureHeaders.ALL.contains(header.key()) && !foreign(header.key())) {
                headers.add(header);
            }
        }
        boolean firstFailure = header(FailureHeaders.ORIGINAL_TOPIC) == null;
        put(headers, FailureHeaders.STAGE, stage);
        put(headers, FailureHeaders.ORIGINAL_TOPIC, originalTopic());
        put(
                headers,
                FailureHeaders.ORIGINAL_PARTITION,
                firstFailure ? Integer.toString(record.partition()) : header(FailureHeaders.ORIGINAL_PARTITION));
        put(
                headers,
                FailureHeaders.ORIGINAL_OFFSET,
                firstFailure ? Long.toString(record.offset()) : header(FailureHeaders.ORIGINAL_OFFSET));
        put(
                headers,
                FailureHeaders.ORIGINAL_TIMESTAMP,
                firstFailure ? timestamp(record.timestamp()) : header(FailureHeaders.ORIGINAL_TIMESTAMP));
        put(headers, FailureHeaders.EXCEPTION_CLASS, failure.getClass().getName());
        put(headers, FailureHeaders.EXCEPTION_MESSAGE, message());
        put(headers, FailureHeaders.ATTEMPTS, Integer.toString(attempts));
        String first = header(FailureHeaders.FIRST_FAILURE);
        put(headers, FailureHeaders.FIRST_FAILURE, first != null ? first : now.toString());
        put(headers, FailureHeaders.LAST_FAILURE, now.toString());
        UUID generationId = generationId();
        put(headers, FailureHeaders.GENERATION_ID, generationId == null ? null : generationId.toString());
        put(headers, FailureHeaders.REPLAY_COUNT, header(FailureHeaders.REPLAY_COUNT));
        put(headers, FailureHeaders.REPLAY_OF, header(FailureHeaders.REPLAY_OF));
        extra.forEach((name, value) -> put(headers, name, value));
        byte[] value = value();
        String truncated = header(FailureHeaders.VALUE_TRUNCATED);
        if (value != null && value.length > FailureHeaders.MAX_FORWARDED_VALUE) {
            // the producer would refuse it whole, and the partition would stay stuck on it
            truncated = Integer.toString(value.length);
            value = Arrays.copyOf(value, FailureHeaders.TRUNCATED_VALUE);
        }
        put(headers, FailureHeaders.VALUE_TRUNCATED, truncated);
        Object key = record.key();
        return new ProducerRecord<>(topic, null, key == null ? null : key.toString(), value, headers);
    }

    private byte[] value() {
        Object value = record.value();
        if (value == null || value instanceof byte[]) {
            return (byte[]) value;
        }
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    private @Nullable String header(String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private int intHeader(String name, int otherwise) {
        String value = header(name);
        try {
            return value == null ? otherwise : Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException unreadable) {
            return otherwise;
        }
    }

    private static @Nullable String timestamp(long millis) {
        return millis == RecordBatch.NO_TIMESTAMP
                ? null
                : Instant.ofEpochMilli(millis).toString();
    }

    private static void put(Headers headers, String name, @Nullable String value) {
        headers.remove(name);
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static boolean foreign(String name) {
        return FailureHeaders.FOREIGN_PREFIXES.stream().anyMatch(name::startsWith);
    }
}
