package io.picturepipeline.retry;

import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.Stage;
import io.picturepipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A download stage whose failures a test scripts per generation id. It records every delivery (topic, headers, the
 * time it reached the stage) and every generation it processed.
 */
public final class FakeStage {

    static final String GROUP = "fake-download-stage";

    /** One delivery of a record to the stage. */
    public record Delivery(String topic, int partition, long offset, Map<String, String> headers, Instant at) {}

    private final EventCodec codec = new EventCodec();
    private final Map<UUID, Deque<Supplier<RuntimeException>>> scripts = new ConcurrentHashMap<>();
    private final Map<UUID, Supplier<RuntimeException>> always = new ConcurrentHashMap<>();
    private final Map<UUID, List<Delivery>> deliveries = new ConcurrentHashMap<>();
    private final List<UUID> processed = new CopyOnWriteArrayList<>();

    /** The stage as the retry tiers see it: raw records, so that a poison record is recorded as a delivery too. */
    StageHandler handler() {
        return new StageHandler() {
            @Override
            public Stage stage() {
                return Stage.DOWNLOAD;
            }

            @Override
            public String group() {
                return GROUP;
            }

            @Override
            public Outcome handle(ConsumerRecord<String, byte[]> record) {
                return FakeStage.this.handle(record);
            }
        };
    }

    /** The next {@code failures.length} deliveries of {@code id} throw these, in order. */
    @SafeVarargs
    public final void failNext(UUID id, Supplier<RuntimeException>... failures) {
        scripts.computeIfAbsent(id, k -> new ArrayDeque<>()).addAll(List.of(failures));
    }

    public void failAlways(UUID id, Supplier<RuntimeException> failure) {
        always.put(id, failure);
    }

    public void heal(UUID id) {
        always.remove(id);
        scripts.remove(id);
    }

    public List<Delivery> deliveries(UUID id) {
        return List.copyOf(deliveries.getOrDefault(id, List.of()));
    }

    public List<UUID> processed() {
        return List.copyOf(processed);
    }

    public long timesProcessed(UUID id) {
        return processed.stream().filter(id::equals).count();
    }

    StageHandler.Outcome handle(ConsumerRecord<String, byte[]> record) {
        UUID key = UUID.fromString(record.key());
        deliveries
                .computeIfAbsent(key, k -> new CopyOnWriteArrayList<>())
                .add(new Delivery(record.topic(), record.partition(), record.offset(), headers(record), Instant.now()));
        ImagesGenerated event = codec.decode(record.value(), ImagesGenerated.class);
        Supplier<RuntimeException> failure = always.get(key);
        if (failure == null) {
            Deque<Supplier<RuntimeException>> script = scripts.get(key);
            failure = script == null ? null : script.poll();
        }
        if (failure != null) {
            throw failure.get();
        }
        processed.add(event.generationId());
        return StageHandler.Outcome.DONE;
    }

    public static ImagesGenerated images(UUID id) {
        return ImagesGenerated.of(id, Instant.now(), "alice", "p-" + id, List.of("http://provider/0.png"), 8, 8);
    }

    static String topic() {
        return Topics.DOWNLOAD;
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        StreamSupport.stream(record.headers().spliterator(), false)
                .forEach(h -> headers.merge(h.key(), value(h), (a, b) -> a + "," + b));
        return headers;
    }

    private static String value(Header header) {
        return header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
