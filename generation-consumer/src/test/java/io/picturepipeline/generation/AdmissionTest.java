package io.picturepipeline.generation;

import static io.picturepipeline.testsupport.RequestBuilder.aRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.schemas.Admission;
import io.picturepipeline.schemas.EventHeaders;
import io.picturepipeline.schemas.GenerationCancelled;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * The admission queue on the real broker and PostgreSQL, at the stage's capacity ({@code max-in-flight} of the shared
 * test context): who starts first when slots are scarce, and when a scheduled generation starts.
 */
class AdmissionTest extends StageIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final int CAPACITY = Integer.parseInt(AT_CAPACITY);

    @Autowired
    private ApplicationContext context;

    /** Each test starts on a stage with nothing waiting and free slots, whatever ran before it. */
    @BeforeEach
    void awaitIdleStage() {
        await().atMost(PATIENCE).until(() -> jdbc.sql("""
                                SELECT (SELECT count(*) FROM generation.admission
                                         WHERE dispatched_at IS NULL AND ready_at <= now())
                                     + (SELECT count(*) FROM generation.prediction
                                         WHERE status IN ('creating', 'created', 'running'))
                                """).query(Integer.class).single() < CAPACITY / 2);
    }

    @Test
    void aVipSubmissionMadeAfterFiftyFreeOnesStartsBeforeAllThatStillWait() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        fillEverySlot(run, Duration.ofSeconds(20));
        List<GenerationRequested> free = IntStream.range(0, 50)
                .mapToObj(i -> request("free " + i, "free-" + run + "-" + i % 5, new Admission("free", 0, 1, null)))
                .toList();
        free.forEach(StageIntegrationTest::publish);
        await().atMost(PATIENCE).until(() -> recorded(free) == free.size());

        GenerationRequested vip = request("vip", "vip-" + run, new Admission("vip", 9, 4, null));
        publish(vip);

        Row vipRow = await().atMost(PATIENCE).until(() -> row(vip.generationId()), r -> r.claimedAt() != null);
        List<Row> freeRows = free.stream().map(r -> row(r.generationId())).toList();
        List<Row> waitingWhenVipCame = freeRows.stream()
                .filter(r -> r.claimedAt() == null || r.claimedAt().isAfter(vipRow.enqueuedAt()))
                .toList();
        assertThat(waitingWhenVipCame)
                .as("free ones still waiting when the vip one came")
                .hasSizeGreaterThan(40);
        assertThat(waitingWhenVipCame)
                .as("free ones that waited: none started before the vip one")
                .allSatisfy(
                        r -> assertThat(r.claimedAt() == null || r.claimedAt().isAfter(vipRow.claimedAt()))
                                .isTrue());
        await().atMost(PATIENCE)
                .until(() ->
                        topics().records(Topics.DOWNLOAD, vip.generationId()).size() == 1);
    }

    @Test
    void oneUsersHundredWaitingDelayAnotherUsersSingleOneByAtMostOneSlot() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<GenerationRequested> heavy = IntStream.range(0, 100)
                .mapToObj(i ->
                        request("heavy " + i + " [latency:PT10S]", "heavy-" + run, new Admission("free", 0, 1, null)))
                .toList();
        heavy.forEach(StageIntegrationTest::publish);
        awaitEverySlotTaken();

        GenerationRequested single = request("single", "single-" + run, new Admission("free", 0, 1, null));
        publish(single);

        Row singleRow = await().atMost(PATIENCE).until(() -> row(single.generationId()), r -> r.claimedAt() != null);
        List<Row> heavyRows = heavy.stream().map(r -> row(r.generationId())).toList();
        assertThat(heavyRows.stream()
                        .filter(r -> r.claimedAt() == null || r.claimedAt().isAfter(singleRow.enqueuedAt())))
                .as("the heavy user's generations still waiting when the single one came")
                .hasSizeGreaterThan(CAPACITY / 2);
        // one claim may have been under way, not yet seeing the single one
        assertThat(heavyRows.stream()
                        .filter(r -> r.claimedAt() != null
                                && r.claimedAt().isAfter(singleRow.enqueuedAt())
                                && r.claimedAt().isBefore(singleRow.claimedAt())))
                .as("the heavy user's generations started between the single one's arrival and its start")
                .hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void aScheduledGenerationStartsWithinASecondOfItsTimeAcrossADispatcherRestartAndACancelledOneNever() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant due = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.MILLIS);
        GenerationRequested kept = request("scheduled, kept", "planner-" + run, new Admission("free", 0, 1, due));
        GenerationRequested dropped =
                request("scheduled, cancelled", "planner-" + run, new Admission("free", 0, 1, due));
        publish(kept);
        publish(dropped);
        await().atMost(PATIENCE).until(() -> recorded(List.of(kept, dropped)) == 2);
        cancel(dropped.generationId());

        // the dispatcher holding the timer goes away; the new one arms its timer from the table
        SmartLifecycle dispatcher = context.getBean("admissionDispatcher", SmartLifecycle.class);
        dispatcher.stop();
        assertThat(row(kept.generationId()).claimedAt())
                .as("not started before its time")
                .isNull();
        dispatcher.start();

        Row started = await().atMost(Duration.ofSeconds(30))
                .until(() -> row(kept.generationId()), r -> r.claimedAt() != null);
        assertThat(Duration.between(due, started.claimedAt()))
                .as("released after its notBefore, within a second")
                .isBetween(Duration.ZERO, Duration.ofSeconds(1));
        await().atMost(PATIENCE)
                .until(() ->
                        topics().records(Topics.DOWNLOAD, kept.generationId()).size() == 1);
        await().atMost(PATIENCE)
                .until(() -> "cancelled".equals(row(dropped.generationId()).outcome()));
        assertThat(providerPredictions(dropped.parameters().prompt())).isEmpty();
        assertThat(status(dropped.generationId())).isEqualTo("absent");
    }

    record Row(Instant enqueuedAt, Instant claimedAt, String outcome) {}

    private Row row(UUID id) {
        return jdbc.sql("SELECT enqueued_at, claimed_at, outcome FROM generation.admission WHERE generation_id = :id")
                .param("id", id)
                .query((rs, n) -> new Row(
                        rs.getTimestamp(1).toInstant(),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
                        rs.getString(3)))
                .optional()
                .orElse(new Row(Instant.MAX, null, null));
    }

    private int recorded(List<GenerationRequested> requests) {
        return jdbc.sql("SELECT count(*) FROM generation.admission WHERE generation_id IN (:ids)")
                .param(
                        "ids",
                        requests.stream().map(GenerationRequested::generationId).toList())
                .query(Integer.class)
                .single();
    }

    /**
     * Takes every slot of the stage with predictions that run for {@code latency}, and keeps ten more waiting at a
     * priority above {@code free}'s, so that a slot freed by an earlier test's prediction goes to a blocker.
     */
    private void fillEverySlot(String run, Duration latency) {
        List<GenerationRequested> blockers = IntStream.range(0, CAPACITY + 10)
                .mapToObj(i -> request(
                        "blocker " + i + " [latency:" + latency + "]",
                        "blocker-" + run + "-" + i,
                        new Admission("pro", 5, 1, null)))
                .toList();
        blockers.forEach(StageIntegrationTest::publish);
        awaitEverySlotTaken();
    }

    private void awaitEverySlotTaken() {
        await().atMost(PATIENCE).until(() -> jdbc.sql("""
                                SELECT count(*) FROM generation.prediction
                                 WHERE status IN ('creating', 'created', 'running')
                                """).query(Integer.class).single() >= CAPACITY);
    }

    private static GenerationRequested request(String prompt, String owner, Admission admission) {
        return aRequest()
                .promptNamingTheId(prompt)
                .owner(owner)
                .admission(admission)
                .build();
    }

    private static void cancel(UUID id) {
        GenerationCancelled cancelled = GenerationCancelled.of(id, Instant.now(), "cancelled by owner");
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.LIFECYCLE, id.toString(), CODEC.encode(cancelled));
        record.headers().add(EventHeaders.TYPE, cancelled.type().getBytes(StandardCharsets.UTF_8));
        send(record);
    }
}
