package io.picturepipeline.generation.admission;

import io.picturepipeline.generation.GenerationSettings;
import io.picturepipeline.schemas.Admission;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.FailureHeaders;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.PoisonRecordException;
import io.picturepipeline.schemas.Topics;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code generation.admission}: where a requested generation waits for a free slot of the stage. {@link #take} is
 * the generate topic's listener's way in: one multi-row insert per poll batch (the offsets are committed after it; a
 * redelivery inserts nothing);
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
    /** Claimed here and dispatched by the stage with its prediction id: see {@link #dispatchedWithPrediction}. */
    private final Set<UUID> dispatchedWithPrediction = ConcurrentHashMap.newKeySet();

    AdmissionQueue(JdbcClient jdbc, EventCodec codec, GenerationSettings settings) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.settings = settings.admission();
    }

    /** A generation whose turn has come: the consumed record, and what its wait is measured by. */
    record Claimed(
            UUID generationId, String plan, int priority, Instant readyAt, byte[] request, int partition, long offset) {

        /**
         * The generate topic's record as the stage receives it from a listener; its timestamp is when the generation
         * could start, so the stage reads its age as "waited".
         */
        ConsumerRecord<String, byte[]> asRecord() {
            return new ConsumerRecord<>(
                    Topics.GENERATE,
                    partition,
                    offset,
                    readyAt.toEpochMilli(),
                    TimestampType.CREATE_TIME,
                    -1,
                    -1,
                    generationId.toString(),
                    request,
                    new RecordHeaders(),
                    Optional.empty());
        }
    }

    /** A consumed record the generate topic's listener sorted: to the queue, to the stage at once, or poison. */
    public sealed interface Taken {
        ConsumerRecord<String, byte[]> record();
    }

    /** Recorded to wait for its turn (the batch's one insert). */
    public record Queued(ConsumerRecord<String, byte[]> record, GenerationRequested requested) implements Taken {}

    /**
     * A record ops replayed from the dead-letter topic: it goes straight to the stage (it waited its turn before, and
     * its failure headers go with it).
     */
    public record Replayed(ConsumerRecord<String, byte[]> record) implements Taken {}

    /** Undecodable, or its key is not its generation id: for the failure policy (the dead-letter topic). */
    public record Poison(ConsumerRecord<String, byte[]> record, PoisonRecordException reason) implements Taken {}

    /** What a consumed record of the generate topic is; nothing is written. */
    public Taken sort(ConsumerRecord<String, byte[]> record) {
        if (record.headers().lastHeader(FailureHeaders.REPLAY_COUNT) != null) {
            return new Replayed(record);
        }
        try {
            GenerationRequested requested = codec.decode(record.value(), GenerationRequested.class);
            if (!requested.generationId().toString().equals(record.key())) {
                throw new PoisonRecordException("the record's key " + record.key()
                        + " is not the generation id of its event " + requested.generationId());
            }
            return new Queued(record, requested);
        } catch (PoisonRecordException poison) {
            return new Poison(record, poison);
        }
    }

    /**
     * Records requested generations to wait for their turn, in one multi-row INSERT (one statement, one commit per
     * poll batch); a generation already recorded (a redelivery, or the same record twice in one batch) inserts
     * nothing. Returns how many rows were new.
     */
    public int take(List<Queued> queued) {
        if (queued.isEmpty()) {
            return 0;
        }
        StringBuilder sql = new StringBuilder("""
                INSERT INTO generation.admission (generation_id, owner, plan, priority, weight, ready_at, scheduled,
                                                  request, kafka_partition, kafka_offset)
                VALUES
                """);
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < queued.size(); i++) {
            ConsumerRecord<String, byte[]> record = queued.get(i).record();
            GenerationRequested requested = queued.get(i).requested();
            Admission admission = requested.admissionOrDefault();
            boolean scheduled = admission.scheduledAfter(requested.occurredAt());
            Instant readyAt = scheduled ? admission.notBefore() : requested.occurredAt();
            sql.append(i == 0 ? "" : ",\n")
                    .append("(:id%1$d, :owner%1$d, :plan%1$d, :priority%1$d, :weight%1$d, :readyAt%1$d,".formatted(i))
                    .append(" :scheduled%1$d, :request%1$d, :partition%1$d, :offset%1$d)".formatted(i));
            params.put("id" + i, requested.generationId());
            params.put("owner" + i, requested.owner());
            params.put("plan" + i, admission.plan());
            params.put("priority" + i, admission.priority());
            params.put("weight" + i, admission.weight());
            params.put("readyAt" + i, Timestamp.from(readyAt));
            params.put("scheduled" + i, scheduled);
            params.put("request" + i, record.value());
            params.put("partition" + i, record.partition());
            params.put("offset" + i, record.offset());
        }
        sql.append("\nON CONFLICT (generation_id) DO NOTHING");
        int inserted = jdbc.sql(sql.toString()).params(params).update();
        if (inserted > 0) {
            onInsert.run();
        }
        return inserted;
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

    /**
     * The stage marked this generation's admission row dispatched as {@code started} in the statement that recorded
     * its prediction id: the dispatcher has nothing left to write for it when the start returns.
     */
    public void dispatchedWithPrediction(UUID generationId) {
        dispatchedWithPrediction.add(generationId);
    }

    /** Whether the stage dispatched it with its prediction (and forgets it). */
    boolean wasDispatchedWithPrediction(UUID generationId) {
        return dispatchedWithPrediction.remove(generationId);
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
