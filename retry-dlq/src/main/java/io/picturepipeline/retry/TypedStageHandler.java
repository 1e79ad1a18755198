package io.picturepipeline.retry;

import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.PoisonRecordException;
import io.picturepipeline.schemas.Stage;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * How every stage is built: the record is decoded as the stage's event type (a record that is not one is poison), its
 * key must be the event's generation id (else poison too), and the typed event goes to {@link #handle(PipelineEvent,
 * Instant)} — for records of the stage's topic and of its retry tiers alike, with the generation id in the log's MDC.
 *
 * <pre>{@code
 * @Component
 * class DownloadStage extends TypedStageHandler<ImagesGenerated> {
 *     DownloadStage(EventCodec codec, ...) {
 *         super(Stage.DOWNLOAD, "download-consumer", ImagesGenerated.class, codec);
 *     }
 *
 *     @Override
 *     protected Outcome handle(ImagesGenerated event, Instant publishedAt) { ... }
 * }
 * }</pre>
 */
public abstract class TypedStageHandler<E extends PipelineEvent> implements StageHandler {

    /** The MDC key of the generation a stage is working on. */
    public static final String MDC_GENERATION_ID = "generationId";

    private static final Logger log = LoggerFactory.getLogger(TypedStageHandler.class);

    private final Stage stage;
    private final String group;
    private final Class<E> type;
    private final EventCodec codec;

    protected TypedStageHandler(Stage stage, String group, Class<E> type, EventCodec codec) {
        this.stage = stage;
        this.group = group;
        this.type = type;
        this.codec = codec;
    }

    /**
     * What the stage does with one event of its type, whose record's key is its generation id.
     *
     * @param publishedAt when the record was written to the stage's topic or retry tier
     */
    protected abstract Outcome handle(E event, Instant publishedAt);

    @Override
    public final Outcome handle(ConsumerRecord<String, byte[]> record) {
        MDC.put(MDC_GENERATION_ID, String.valueOf(record.key()));
        try {
            log.info("received {}-{}@{}", record.topic(), record.partition(), record.offset());
            E event = codec.decode(record.value(), type);
            if (!event.generationId().toString().equals(record.key())) {
                throw new PoisonRecordException("the record's key " + record.key()
                        + " is not the generation id of its event " + event.generationId());
            }
            return handle(event, Instant.ofEpochMilli(record.timestamp()));
        } finally {
            MDC.remove(MDC_GENERATION_ID);
        }
    }

    @Override
    public final Stage stage() {
        return stage;
    }

    @Override
    public final String group() {
        return group;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + stage.wireName() + ", group " + group + "]";
    }
}
