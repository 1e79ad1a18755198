package io.picturepipeline.retry;

import io.picturepipeline.schemas.Stage;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** {@link StageHandler#of}: a stage's handling as a function. */
record FunctionStageHandler(
        Stage stage,
        String group,
        Function<ConsumerRecord<String, byte[]>, Outcome> handler,
        boolean keepsRemainingRecords)
        implements StageHandler {

    @Override
    public Outcome handle(ConsumerRecord<String, byte[]> record) {
        return handler.apply(record);
    }

    @Override
    public String toString() {
        return "StageHandler[" + stage.wireName() + ", group " + group
                + (keepsRemainingRecords ? ", keeping remaining records" : "") + "]";
    }
}
