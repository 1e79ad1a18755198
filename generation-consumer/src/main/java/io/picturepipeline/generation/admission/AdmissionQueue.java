package io.picturepipeline.generation.admission;

import io.picturepipeline.generation.GenerationSettings;
import io.picturepipeline.schemas.Admission;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.FailureHeaders;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.PoisonRecordException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code generation.admission}: where a requested generation waits for a free slot of the stage. {@link #take} is
 * the generate topic's listener's way in (the offset is committed after the insert; a redelivery inserts nothing);
 * the {@link AdmissionDispatcher} claims the next one in the shared order of every instance ({@code FOR UPDATE SKIP
 * LOCKED}).
 */
@Component
public class AdmissionQueue {

    /**
     * Up to {@code :limit} generations in the shared order: highest priority first; within a priority round-robin
     * between owners by their predictions in flight (and being started) per weight, counting each owner's earlier
     * picks of this same claim ({@code turn}), so one claim of 16 still takes one from each of 16 waiting owners
     * before a second from any; then the one ready longest. Owners at their in-flight cap wait. One statement: the
     * claim is the lease, so every instance shares one order and no row is started twice at once (a row another
     * instance locks meanwhile is skipped, and the re-checked condition drops one it claimed first).
     */
    private static final String CLAIM = """
            WITH busy AS (
                SELECT owner, count(*) AS n FROM generation.prediction
                 WHERE status IN ('creating', 'created', 'running')
                 GROUP BY owner
                UNION ALL
                SELECT owner, count(*) FROM generation.admission
                 WHERE dispatched_at IS NULL AND claimed_until > now()
                 GROUP BY owner
            ), in_flight AS (
                SELECT owner, sum(n) AS n FROM busy GROUP BY owner
            ), ready AS (
                SELECT w.generation_id, w.priority, w.weight, w.ready_at, w.enqueued_at, coalesce(f.n, 0) AS n,
                       row_number() OVER (PARTITION BY w.owner ORDER BY w.priority DESC, w.ready_at, w.enqueued_at)
                           AS turn
                  FROM generation.admission w
                  LEFT JOIN in_flight f ON f.owner = w.owner
                 WHERE w.dispatched_at IS NULL
                   AND w.ready_at <= now()
                   AND (w.claimed_until IS NULL OR w.claimed_until < now())
            ), chosen AS (
                SELECT generation_id,
                       row_number() OVER (ORDER BY priority DESC, (n + turn - 1)::float8 / weight, ready_at,
                                                   enqueued_at) AS place
                  FROM ready
                 WHERE n + turn <= :perUser
                 ORDER BY place
                 LIMIT :limit
            ), locked AS (
                SELECT a.generation_id, c.place
                  FROM generation.admission a
                  JOIN chosen c ON c.generation_id = a.generation_id
                 WHERE a.dispatched_at IS NULL
                   AND (a.claimed_until IS NULL OR a.claimed_until < now())
                   FOR UPDATE OF a SKIP LOCKED
            ), claimed AS (
                UPDATE generation.admission a
                   -- rows claimed together a microsecond apart in their place: claimed_at orders them as they start
                   SET claimed_until = now() + :lease * interval '1 millisecond',
                       claimed_at = now() + (l.place - 1) * interval '1 microsecond'
                  FROM locked l
                 WHERE a.generation_id = l.generation_id
                RETURNING l.place, a.generation_id, a.plan, a.priority, a.ready_at, a.request, a.kafka_partition,
                          a.kafka_offset
            )
            SELECT * FROM claimed ORDER BY place
            """;

    private final JdbcClient jdbc;
    private final EventCodec codec;
    private final GenerationSettings.Dispatch settings;
    private volatile Runnable onInsert = () -> {};

    AdmissionQueue(JdbcClient jdbc, EventCodec codec, GenerationSettings settings) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.settings = settings.admission();
    }

    /** A generation whose turn has come: the consumed record, and what its wait is measured by. */
    record Claimed(
            UUID generationId,
            String plan,
            int priority,
            Instant readyAt,
            byte[] request,
            int partition,
            long offset) {}

    /**
     * Records a requested generation to wait for its turn; false for a record ops replayed from the dead-letter
     * topic, which goes straight to the stage (it waited its turn before, and its failure headers go with it).
     */
    public boolean take(ConsumerRecord<String, byte[]> record) {
        if (record.headers().lastHeader(FailureHeaders.REPLAY_COUNT) != null) {
            return false;
        }
        GenerationRequested requested = codec.decode(record.value(), GenerationRequested.class);
        if (!requested.generationId().toString().equals(record.key())) {
            throw new PoisonRecordException("the record's key " + record.key()
                    + " is not the generation id of its event " + requested.generationId());
        }
        Admission admission = requested.admissionOrDefault();
        Instant readyAt =
                admission.scheduledAfter(requested.occurredAt()) ? admission.notBefore() : requested.occurredAt();
        int inserted = jdbc.sql("""
                        INSERT INTO generation.admission (generation_id, owner, plan, priority, weight, ready_at,
                                                          scheduled, request, kafka_partition, kafka_offset)
                        VALUES (:id, :owner, :plan, :priority, :weight, :readyAt, :scheduled, :request, :partition,
                                :offset)
                        ON CONFLICT (generation_id) DO NOTHING
                        """)
                .param("id", requested.generationId())
                .param("owner", requested.owner())
                .param("plan", admission.plan())
                .param("priority", admission.priority())
                .param("weight", admission.weight())
                .param("readyAt", Timestamp.from(readyAt))
                .param("scheduled", admission.scheduledAfter(requested.occurredAt()))
                .param("request", record.value())
                .param("partition", record.partition())
                .param("offset", record.offset())
                .update();
        if (inserted == 1) {
            onInsert.run();
        }
        return true;
    }

    /** Who is woken when this instance records a generation. */
    void onInsert(Runnable wake) {
        this.onInsert = wake;
    }

    /** Claims up to {@code limit} generations whose turn has come, in the order they should start. */
    List<Claimed> claim(int limit) {
        return jdbc.sql(CLAIM)
                .param("lease", settings.claimLease().toMillis())
                .param("perUser", settings.perUserInFlight())
                .param("limit", limit)
                .query((rs, row) -> new Claimed(
                        rs.getObject("generation_id", UUID.class),
                        rs.getString("plan"),
                        rs.getInt("priority"),
                        rs.getTimestamp("ready_at").toInstant(),
                        rs.getBytes("request"),
                        rs.getInt("kafka_partition"),
                        rs.getLong("kafka_offset")))
                .list();
    }

    /** The stage took it ({@code started}), or it failed into the stage's failure policy ({@code failed}). */
    void dispatched(UUID generationId, String outcome) {
        jdbc.sql("""
                        UPDATE generation.admission SET dispatched_at = now(), outcome = :outcome, claimed_until = NULL
                         WHERE generation_id = :id
                        """).param("id", generationId).param("outcome", outcome).update();
    }

    /** The stage could not take it now (no slot, no budget): it keeps its place in line. */
    void unclaim(UUID generationId) {
        jdbc.sql("UPDATE generation.admission SET claimed_until = NULL WHERE generation_id = :id")
                .param("id", generationId)
                .update();
    }

    /**
     * A start that failed, and whose failure could not be routed either, comes back to the queue after
     * {@code retryIn} (not after the whole claim lease): claimed again by whichever instance is first.
     */
    void retryLater(UUID generationId, java.time.Duration retryIn) {
        jdbc.sql("""
                        UPDATE generation.admission SET claimed_until = now() + :retryIn * interval '1 millisecond'
                         WHERE generation_id = :id AND dispatched_at IS NULL
                        """)
                .param("id", generationId)
                .param("retryIn", retryIn.toMillis())
                .update();
    }

    /** Generations their owner cancelled while they waited (mostly scheduled ones) leave the queue unstarted. */
    List<UUID> withdrawCancelled() {
        return jdbc.sql("""
                        UPDATE generation.admission a SET dispatched_at = now(), outcome = 'cancelled'
                         WHERE a.dispatched_at IS NULL
                           AND (a.claimed_until IS NULL OR a.claimed_until < now())
                           AND EXISTS (SELECT 1 FROM generation.cancellation c WHERE c.generation_id = a.generation_id)
                        RETURNING a.generation_id
                        """).query(UUID.class).list();
    }

    /** When the next scheduled generation becomes ready, if any waits. */
    Optional<Instant> nextRelease() {
        return jdbc.sql("""
                        SELECT min(ready_at) FROM generation.admission
                         WHERE dispatched_at IS NULL AND ready_at > now()
                        """)
                .query((rs, row) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .single();
    }

    /** Forgets rows dispatched longer ago than {@code keep-dispatched}. */
    int purge() {
        return jdbc.sql("""
                        DELETE FROM generation.admission
                         WHERE dispatched_at < now() - :keep * interval '1 millisecond'
                        """).param("keep", settings.keepDispatched().toMillis()).update();
    }
}
