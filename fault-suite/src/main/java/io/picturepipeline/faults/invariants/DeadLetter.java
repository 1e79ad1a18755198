package io.picturepipeline.faults.invariants;

import io.picturepipeline.schemas.FailureHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

/** A record on a dead-letter topic, with the reason its failure headers give. */
record DeadLetter(
        String topic,
        int partition,
        long offset,
        @Nullable String key,
        String exceptionClass,
        String message,
        boolean terminal,
        boolean parked) {

    String where() {
        return topic + "-" + partition + "@" + offset;
    }

    static DeadLetter of(ConsumerRecord<String, byte[]> record) {
        String exceptionClass = Optional.ofNullable(header(record, FailureHeaders.EXCEPTION_CLASS))
                .or(() -> Optional.ofNullable(header(record, "kafka_dlt-exception-cause-fqcn")))
                .or(() -> Optional.ofNullable(header(record, "kafka_dlt-exception-fqcn")))
                .orElse("");
        String message = Optional.ofNullable(header(record, FailureHeaders.EXCEPTION_MESSAGE))
                .or(() -> Optional.ofNullable(header(record, "kafka_dlt-exception-message")))
                .orElse("");
        return new DeadLetter(
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                exceptionClass,
                message,
                "true".equals(header(record, FailureHeaders.TERMINAL)),
                "true".equals(header(record, FailureHeaders.PARKED)));
    }

    private static @Nullable String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
