package io.picturepipeline.endtoend;

import io.picturepipeline.infra.TopicReader;
import io.picturepipeline.launcher.LocalStack;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.Topics;
import java.util.List;
import java.util.UUID;

/** What the lifecycle topic of a stack holds for one generation, read with the tests' one {@link TopicReader}. */
final class LifecycleTopic {

    private static final EventCodec CODEC = new EventCodec();

    private LifecycleTopic() {}

    /** The event types of one generation, in order (one key, one partition). */
    static List<String> typesOf(LocalStack stack, UUID generationId) {
        return new TopicReader(stack.settings().kafkaBootstrap())
                .records(Topics.LIFECYCLE, generationId.toString()).stream()
                        .map(record -> CODEC.decode(record.value()).type())
                        .toList();
    }
}
