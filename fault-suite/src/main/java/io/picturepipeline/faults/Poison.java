package io.picturepipeline.faults;

import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.GenerationCompleted;
import io.picturepipeline.schemas.GenerationParameters;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.GenerationStarted;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Poison records of every kind for each input topic: what the record holds, the key it is sent under, and what its
 * dead letter must say.
 */
public final class Poison {

    /** The kinds of poison. */
    public enum Kind {
        /** Bytes that are not JSON at all. */
        GARBAGE,
        /** A zero-length value. */
        EMPTY,
        /** A well-formed event of a type the topic does not carry (or of no known type). */
        WRONG_TYPE,
        /** The right type with a required field left out. */
        MISSING_FIELD,
        /** A well-formed event of more than {@link EventCodec#MAX_RECORD_BYTES}. */
        OVERSIZED,
        /** A valid event under the key of another generation. */
        WRONG_KEY
    }

    /**
     * One poison record. {@code eventGenerationId} is the generation the value names (for a wrong key, not the key).
     */
    public record Record(
            String topic, Kind kind, String key, byte[] value, String expectException, String expectMessage) {

        public String what() {
            return kind.name().toLowerCase().replace('_', ' ') + " on " + topic;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final EventCodec CODEC = new EventCodec();

    private Poison() {}

    /** The poison record of {@code kind} for {@code topic} (an input topic or one of its retry tiers). */
    public static Record of(String topic, Kind kind) {
        String main = Topics.mainTopicOf(topic);
        UUID key = UUID.randomUUID();
        String poisonException = "PoisonRecordException";
        return switch (kind) {
            case GARBAGE ->
                new Record(
                        topic,
                        kind,
                        "poison-garbage-" + key,
                        new byte[] {0, (byte) 0xff, '{', 'n', 'o', 't', ' ', 'j', 's', 'o', 'n'},
                        poisonException,
                        "not a valid pipeline event");
            case EMPTY -> new Record(topic, kind, key.toString(), new byte[0], poisonException, "empty record");
            case WRONG_TYPE ->
                switch (main) {
                    case Topics.GENERATE ->
                        new Record(
                                topic,
                                kind,
                                key.toString(),
                                CODEC.encode(GenerationCompleted.of(key, Instant.now(), List.of())),
                                poisonException,
                                "expected GenerationRequested but the record holds GenerationCompleted");
                    case Topics.DOWNLOAD ->
                        new Record(
                                topic,
                                kind,
                                key.toString(),
                                CODEC.encode(requested(key, "a wrong type")),
                                poisonException,
                                "expected ImagesGenerated but the record holds GenerationRequested");
                    default -> {
                        ObjectNode node = tree(requested(key, "no such type"));
                        node.put("type", "NoSuchEvent");
                        yield new Record(
                                topic,
                                kind,
                                key.toString(),
                                bytes(node),
                                poisonException,
                                "not a valid pipeline event");
                    }
                };
            case MISSING_FIELD -> {
                ObjectNode node;
                String field;
                switch (main) {
                    case Topics.GENERATE -> {
                        node = tree(requested(key, "missing owner"));
                        field = "owner";
                    }
                    case Topics.DOWNLOAD -> {
                        node = tree(generated(key, List.of("https://replicate.delivery/x/0.png")));
                        field = "outputUrls";
                    }
                    default -> {
                        node = tree(GenerationStarted.of(key, Instant.now(), "replicate", "p-missing"));
                        field = "predictionId";
                    }
                }
                node.remove(field);
                yield new Record(
                        topic, kind, key.toString(), bytes(node), poisonException, "not a valid pipeline event");
            }
            case OVERSIZED -> {
                String huge = "x".repeat(EventCodec.MAX_RECORD_BYTES + 100_000);
                PipelineEvent event = main.equals(Topics.DOWNLOAD)
                        ? generated(key, List.of("https://replicate.delivery/" + huge + ".png"))
                        : requested(key, huge);
                yield new Record(
                        topic, kind, key.toString(), CODEC.encode(event), poisonException, "exceeds the limit");
            }
            case WRONG_KEY -> {
                UUID other = UUID.randomUUID();
                PipelineEvent event = main.equals(Topics.DOWNLOAD)
                        ? generated(other, List.of("https://replicate.delivery/x/0.png"))
                        : requested(other, "a wrong key");
                yield new Record(topic, kind, key.toString(), CODEC.encode(event), poisonException, "key");
            }
        };
    }

    /** A request as the ingest-api writes it, for the suite's small test images. */
    public static GenerationRequested requested(UUID id, String prompt) {
        return GenerationRequested.of(
                id,
                Instant.now(),
                "fs-poison-owner",
                new GenerationParameters(
                        "fault suite " + prompt, null, LoadDriver.MODEL, 256, 256, 4, 0, 7L, null, null, 1));
    }

    private static ImagesGenerated generated(UUID id, List<String> urls) {
        return ImagesGenerated.of(id, Instant.now(), "fs-poison-owner", "p-" + id, urls, 256, 256);
    }

    private static ObjectNode tree(PipelineEvent event) {
        return (ObjectNode) JSON.readTree(CODEC.encode(event));
    }

    private static byte[] bytes(ObjectNode node) {
        return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    }
}
