package io.picturepipeline.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.schemas.PoisonRecordException;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaProducerException;

class PermanentFailuresTest {

    @Test
    void aRecordTooLargeOrAnUndecodablePayloadIsPermanentHoweverWrapped() {
        var tooLarge = new KafkaProducerException(
                new ProducerRecord<>("pipeline.lifecycle", "k", new byte[0]),
                "send failed",
                new RecordTooLargeException("The message is 2000000 bytes when serialized"));

        assertThat(PermanentFailures.find(new CompletionException(tooLarge)))
                .isInstanceOf(RecordTooLargeException.class);
        assertThat(PermanentFailures.find(new PoisonRecordException("not a valid pipeline event")))
                .isInstanceOf(PoisonRecordException.class);
    }

    @Test
    void aBrokerThatIsAwayOrShortOfReplicasIsRetried() {
        assertThat(PermanentFailures.find(new TimeoutException("Topic not present in metadata after 5000 ms")))
                .isNull();
        assertThat(PermanentFailures.find(new CompletionException(new NotEnoughReplicasException("1 of 2"))))
                .isNull();
    }
}
