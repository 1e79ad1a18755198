package io.picturepipeline.ops;

import io.picturepipeline.schemas.Access;
import io.picturepipeline.schemas.DeadLetterReplayed;
import io.picturepipeline.schemas.DeadLetterResolved;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.EventHeaders;
import io.picturepipeline.schemas.FailureHeaders;
import io.picturepipeline.schemas.GenerationFailed;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.Stage;
import io.picturepipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What an operator does to a dead letter, each in one Kafka transaction with its audit entry and its lifecycle
 * events, so that an interrupted run has either done all of it for a dead letter or nothing: a rerun never replays
 * one twice. One transactional id for every CLI: a second run fences the first, and reads the state only after it
 * has (see {@link #open}).
 */
final class Operator implements AutoCloseable {

    static final String TRANSACTIONAL_ID = Access.OPS_TRANSACTIONAL_ID;

    private final KafkaProducer<String, byte[]> producer;
    private final EventCodec codec = new EventCodec();
    private final Clock clock;
    private final Duration timeout;

    private Operator(KafkaProducer<String, byte[]> producer, Clock clock, Duration timeout) {
        this.producer = producer;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** A producer that has fenced any earlier CLI run and aborted what it left open. */
    static Operator open(Map<String, Object> clientConfig, Clock clock, Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TRANSACTIONAL_ID);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "pp-dlq-cli");
        KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        try {
            producer.initTransactions();
        } catch (KafkaException e) {
            producer.close(Duration.ZERO);
            throw new CliException(
                    CliException.USAGE_OR_CONNECTION,
                    "cannot start a Kafka transaction (transactional id " + TRANSACTIONAL_ID + "): " + e.getMessage()
                            + ". The CLI's principal needs Write on that transactional id.",
                    e);
        }
        return new Operator(producer, clock, timeout);
    }

    /**
     * Writes the stored bytes back to the dead letter's source topic with fresh lineage headers, its audit entry
     * and {@code DeadLetterReplayed}; returns where the replayed record went.
     */
    String replay(DeadLetter deadLetter, String by, String reason, String selection, String run) {
        int replayCount = deadLetter.replayCount() + 1;
        Headers headers = new RecordHeaders();
        deadLetter.headers().forEach((name, value) -> {
            if (!FailureHeaders.ALL.contains(name)
                    && FailureHeaders.FOREIGN_PREFIXES.stream().noneMatch(name::startsWith)) {
                headers.add(name, value.getBytes(StandardCharsets.UTF_8));
            }
        });
        headers.add(FailureHeaders.REPLAY_COUNT, Integer.toString(replayCount).getBytes(StandardCharsets.UTF_8));
        headers.add(FailureHeaders.REPLAY_OF, deadLetter.ref().toString().getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> replayed =
                new ProducerRecord<>(deadLetter.sourceTopic(), null, deadLetter.key(), deadLetter.value(), headers);
        return inTransaction(() -> {
            RecordMetadata written = await(producer.send(replayed));
            String result = "replay " + replayCount + " written to " + written.topic() + ":" + written.partition() + "@"
                    + written.offset();
            audit(deadLetter, AuditEntry.Action.REPLAYED, by, reason, selection, result, run);
            lifecycle(deadLetter)
                    .ifPresent(l -> announce(DeadLetterReplayed.of(
                            l.generationId(), clock.instant(), l.stage(), deadLetter.ref(), replayCount, by, reason)));
            return result;
        });
    }

    /**
     * Marks the dead letter handled. A generation that was waiting for ops fails for good with the operator's
     * reason ({@code GenerationFailed}); one that had failed already only gets {@code DeadLetterResolved}.
     */
    String resolve(DeadLetter deadLetter, String by, String reason, String selection, String run) {
        return inTransaction(() -> {
            Optional<Lifecycle> lifecycle = lifecycle(deadLetter);
            String result = "resolved";
            if (lifecycle.isPresent()) {
                Lifecycle l = lifecycle.get();
                if (!deadLetter.terminal()) {
                    announce(GenerationFailed.of(
                            l.generationId(), clock.instant(), l.stage(), deadLetter.errorClass(), reason));
                    result = "resolved; generation failed";
                }
                announce(DeadLetterResolved.of(
                        l.generationId(), clock.instant(), l.stage(), deadLetter.ref(), by, reason));
            }
            audit(deadLetter, AuditEntry.Action.RESOLVED, by, reason, selection, result, run);
            return result;
        });
    }

    /** One record per run on the audit topic: who, when, why, what was selected and what came of it. */
    void summarize(String run, byte[] summary) {
        inTransaction(() -> await(producer.send(new ProducerRecord<>(Topics.DLT_AUDIT, "run:" + run, summary))));
    }

    private record Lifecycle(UUID generationId, Stage stage) {}

    private static Optional<Lifecycle> lifecycle(DeadLetter deadLetter) {
        return deadLetter
                .generationId()
                .flatMap(id -> deadLetter.pipelineStage().map(stage -> new Lifecycle(id, stage)));
    }

    private void audit(
            DeadLetter deadLetter,
            AuditEntry.Action action,
            String by,
            String reason,
            String selection,
            String result,
            String run) {
        String ref = deadLetter.ref().toString();
        AuditEntry entry = new AuditEntry(ref, action, clock.instant(), by, reason, selection, result, run);
        await(producer.send(new ProducerRecord<>(Topics.DLT_AUDIT, ref, entry.toJson())));
    }

    private void announce(PipelineEvent event) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.LIFECYCLE, event.generationId().toString(), codec.encode(event));
        record.headers().add(EventHeaders.TYPE, event.type().getBytes(StandardCharsets.UTF_8));
        await(producer.send(record));
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        producer.beginTransaction();
        try {
            T result = work.get();
            producer.commitTransaction();
            return result;
        } catch (ProducerFencedException fenced) {
            throw new CliException(
                    CliException.NOTHING_DONE,
                    "another dead-letter CLI run started and took over; this one stops (nothing is done twice)",
                    fenced);
        } catch (RuntimeException failed) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException abortFailed) {
                failed.addSuppressed(abortFailed);
            }
            throw failed;
        }
    }

    private RecordMetadata await(Future<RecordMetadata> sent) {
        try {
            return sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProducerFencedException fenced) {
                throw fenced;
            }
            throw new KafkaException("write failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("no acknowledgement from Kafka within " + Durations.format(timeout), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
