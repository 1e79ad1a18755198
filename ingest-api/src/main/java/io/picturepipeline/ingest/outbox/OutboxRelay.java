package io.picturepipeline.ingest.outbox;

import io.picturepipeline.ingest.IngestSettings;
import io.picturepipeline.schemas.Topics;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves outbox rows to Kafka. Rows are claimed with {@code FOR UPDATE SKIP LOCKED} and stay locked until the
 * broker has answered, so two publishers (threads or ingest-api instances) never send the same row at the same
 * time; acknowledged rows are deleted in the same transaction, failed ones count an attempt and wait for the next
 * sweep. A crash between send and delete re-sends the row: delivery is at least once, and harmless because the
 * events carry deterministic ids.
 *
 * <p>A generation's lifecycle row goes out before its rows to the stage topics: the stage rows of a batch are sent
 * only once the broker has acknowledged every lifecycle row of their generation, and wait for the next sweep while
 * one is still in the outbox. Otherwise a crash (or a refusal of the lifecycle partition alone) between the two could
 * let the stage run and finish while {@code GenerationRequested} is still unpublished, and a reader of the lifecycle
 * topic would see the generation queued again after it completed. The claim counts, for each row, its generation's
 * lifecycle rows in the outbox; a stage row goes once as many of them were acknowledged in this batch (rows of one
 * event are written by one statement, so a stage row's own lifecycle row is always counted): no second query.
 *
 * <p>A row whose send fails for good ({@link PermanentFailures}: a payload that does not decode, a record the broker
 * refuses for its size) is parked with its reason instead of being retried at the head of the queue for ever; the
 * claims pass over it and over every later row of its generation, which wait behind it in order. Failures are
 * recorded, and acknowledged rows deleted, with one statement per batch.
 */
@Component
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int MAX_BATCHES_PER_SWEEP = 20;
    /** Rows of a generation with a parked row wait behind it: its events stay in order. */
    private static final String NOT_PARKED = """
            parked_at is null
            and not exists (select 1 from ingest.outbox p where p.generation_id = o.generation_id and p.parked_at is not null)
            """;

    /**
     * The claimed rows with, for each, how many lifecycle rows of its generation are in the outbox (its own included):
     * one scan of the outbox for the whole batch, joined, rather than one per row.
     */
    private static final String WITH_LIFECYCLE_ROWS = """
            select c.id, c.generation_id, c.topic, c.payload, coalesce(l.n, 0) as lifecycle_rows
            from claimed c
            left join (
                select generation_id, count(*) as n from ingest.outbox
                where topic = :lifecycle and generation_id in (select generation_id from claimed)
                group by generation_id
            ) l on l.generation_id = c.generation_id
            """;

    private static final String CLAIM_DUE = """
            with claimed as (
                select id, generation_id, topic, payload, created_at from ingest.outbox o
                where created_at < now() - make_interval(secs => :graceSeconds) and
            """ + NOT_PARKED + """
                order by created_at, id
                limit :limit
                for update skip locked
            )
            """ + WITH_LIFECYCLE_ROWS + """
            order by c.created_at, c.id
            """;
    private static final String CLAIM_BY_ID = """
            with claimed as (
                select id, generation_id, topic, payload from ingest.outbox o
                where id in (:ids) and
            """ + NOT_PARKED + """
                for update skip locked
            )
            """ + WITH_LIFECYCLE_ROWS + """
            order by c.id
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final OutboxSender sender;
    private final IngestSettings.Outbox settings;

    OutboxRelay(
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            OutboxSender sender,
            IngestSettings settings) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.sender = sender;
        this.settings = settings.outbox();
    }

    /** The scheduled sweep: publishes rows older than the grace period, batch after batch while batches are full. */
    void sweep() {
        try {
            for (int i = 0; i < MAX_BATCHES_PER_SWEEP; i++) {
                Batch batch = publishDue();
                if (batch.claimed() < settings.batchSize() || batch.published() + batch.parked() < batch.claimed()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.warn("outbox sweep failed, retrying in {}: {}", settings.sweepInterval(), e.toString());
        }
    }

    /** One batch of rows the immediate path missed or could not publish. */
    Batch publishDue() {
        double graceSeconds = settings.gracePeriod().toMillis() / 1000.0;
        return claimAndPublish(() -> jdbc.sql(CLAIM_DUE)
                .param("lifecycle", Topics.LIFECYCLE)
                .param("graceSeconds", graceSeconds)
                .param("limit", settings.batchSize())
                .query(Row.class)
                .list());
    }

    /** The given rows, unless another publisher holds them or they are gone already. */
    Batch publish(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return new Batch(0, 0, 0);
        }
        return claimAndPublish(() -> jdbc.sql(CLAIM_BY_ID)
                .param("lifecycle", Topics.LIFECYCLE)
                .param("ids", ids)
                .query(Row.class)
                .list());
    }

    private Batch claimAndPublish(Supplier<List<Row>> claim) {
        Batch batch = transactions.execute(status -> {
            List<Row> rows = claim.get();
            if (rows.isEmpty()) {
                return new Batch(0, 0, 0);
            }
            Map<Boolean, List<Row>> byTopic = rows.stream()
                    .collect(Collectors.partitioningBy(row -> row.topic().equals(Topics.LIFECYCLE)));
            OutboxSender.Sent lifecycle = sender.sendAll(byTopic.get(true));
            Set<Long> acknowledged = new HashSet<>(lifecycle.published());
            Map<UUID, Long> announced = byTopic.get(true).stream()
                    .filter(row -> acknowledged.contains(row.id()))
                    .collect(Collectors.groupingBy(Row::generationId, Collectors.counting()));
            OutboxSender.Sent stages = sender.sendAll(byTopic.get(false).stream()
                    .filter(row -> row.lifecycleRows() == announced.getOrDefault(row.generationId(), 0L))
                    .toList());
            OutboxSender.Sent all = lifecycle.and(stages);
            if (!all.failed().isEmpty()) {
                log.warn(
                        "{} of {} outbox rows not published, retried by the next sweep; first: {}",
                        all.failed().size(),
                        rows.size(),
                        all.failed().get(0));
                record(all.failed(), false);
            }
            if (!all.parked().isEmpty()) {
                log.error(
                        "{} outbox rows can never be published and are parked (docs/operations.md); first: {}",
                        all.parked().size(),
                        all.parked().get(0));
                record(all.parked(), true);
            }
            if (!all.published().isEmpty()) {
                jdbc.sql("delete from ingest.outbox where id in (:ids)")
                        .param("ids", all.published())
                        .update();
            }
            return new Batch(rows.size(), all.published().size(), all.parked().size());
        });
        return batch == null ? new Batch(0, 0, 0) : batch;
    }

    /** One statement for all of them: an attempt counted and its error kept; {@code park}: set aside for ops. */
    private void record(List<OutboxSender.Failure> failures, boolean park) {
        jdbc.sql("""
                        update ingest.outbox o
                        set attempts = attempts + 1, last_attempt_at = now(), last_error = f.error,
                            parked_at = case when :park then now() end,
                            park_reason = case when :park then f.error end
                        from unnest(:ids, :errors) as f(id, error)
                        where o.id = f.id
                        """)
                .param("park", park)
                .param("ids", failures.stream().map(f -> f.row().id()).toArray(Long[]::new))
                .param(
                        "errors",
                        failures.stream().map(OutboxSender.Failure::error).toArray(String[]::new))
                .update();
    }

    /** A claimed row; {@code lifecycleRows}: its generation's lifecycle rows in the outbox when it was claimed. */
    record Row(long id, UUID generationId, String topic, byte[] payload, long lifecycleRows) {}

    /** How many rows one claim took, how many of them the broker acknowledged, and how many were parked. */
    record Batch(int claimed, int published, int parked) {}
}
