package io.picturepipeline.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.schemas.FailureHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class FailedDeliveryTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void theFirstFailureRecordsTheOriginalCoordinates() {
        ConsumerRecord<String, byte[]> record = record("pipeline.download", 3, 41, new RecordHeaders());

        ProducerRecord<String, byte[]> next = new FailedDelivery(record, new TransientException("503", null, null), NOW)
                .forward("pipeline.download-retry-0", "download", 1, Map.of(FailureHeaders.DUE_AT, "x"));

        assertThat(header(next, FailureHeaders.ORIGINAL_TOPIC)).isEqualTo("pipeline.download");
        assertThat(header(next, FailureHeaders.ORIGINAL_PARTITION)).isEqualTo("3");
        assertThat(header(next, FailureHeaders.ORIGINAL_OFFSET)).isEqualTo("41");
        assertThat(header(next, FailureHeaders.FIRST_FAILURE)).isEqualTo(NOW.toString());
        assertThat(header(next, FailureHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(next.key()).isEqualTo(record.key());
        assertThat(next.value()).isEqualTo(record.value());
    }

    @Test
    void headersAreReplacedNotAppendedAndSpringKafkasAreDropped() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("pp-type", bytes("ImagesGenerated"));
        headers.add(FailureHeaders.ATTEMPTS, bytes("2"));
        headers.add(FailureHeaders.ORIGINAL_TOPIC, bytes("pipeline.download"));
        headers.add(FailureHeaders.ORIGINAL_OFFSET, bytes("7"));
        headers.add(FailureHeaders.FIRST_FAILURE, bytes("2026-11-24T09:00:00Z"));
        headers.add(FailureHeaders.DUE_AT, bytes("2026-11-24T09:59:00Z"));
        headers.add(FailureHeaders.REPLAY_COUNT, bytes("1"));
        headers.add("kafka_dlt-exception-stacktrace", bytes("at ... (a very long trace)"));
        ConsumerRecord<String, byte[]> record = record("pipeline.download-retry-1", 0, 99, headers);
        String longMessage = "x".repeat(5000);

        FailedDelivery delivery = new FailedDelivery(record, new TransientException(longMessage, null, null), NOW);
        ProducerRecord<String, byte[]> dead = delivery.forward("pipeline.download-dlt", "download", 3, Map.of());

        assertThat(delivery.attempt()).isEqualTo(3);
        assertThat(dead.headers()).extracting(Header::key).doesNotHaveDuplicates();
        assertThat(dead.headers()).extracting(Header::key).noneMatch(key -> key.startsWith("kafka_dlt"));
        assertThat(header(dead, FailureHeaders.ATTEMPTS)).isEqualTo("3");
        assertThat(header(dead, FailureHeaders.ORIGINAL_OFFSET)).isEqualTo("7");
        assertThat(header(dead, FailureHeaders.FIRST_FAILURE)).isEqualTo("2026-11-24T09:00:00Z");
        assertThat(header(dead, FailureHeaders.DUE_AT)).isNull();
        assertThat(header(dead, FailureHeaders.REPLAY_COUNT)).isEqualTo("1");
        assertThat(header(dead, FailureHeaders.EXCEPTION_MESSAGE)).hasSize(FailureHeaders.MAX_MESSAGE_LENGTH);
        assertThat(header(dead, "pp-type")).isEqualTo("ImagesGenerated");
        assertThat(Optional.ofNullable(dead.partition())).isEmpty();
    }

    private static ConsumerRecord<String, byte[]> record(
            String topic, int partition, long offset, RecordHeaders headers) {
        return new ConsumerRecord<>(
                topic,
                partition,
                offset,
                NOW.minusSeconds(60).toEpochMilli(),
                TimestampType.CREATE_TIME,
                0,
                0,
                "7d3c7a52-5f5e-4a0b-9d38-2f5d2b8d3c11",
                bytes("{}"),
                headers,
                Optional.empty());
    }

    private static String header(ProducerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
