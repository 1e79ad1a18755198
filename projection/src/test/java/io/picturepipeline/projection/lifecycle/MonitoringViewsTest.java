package io.picturepipeline.projection.lifecycle;

import static io.picturepipeline.projection.lifecycle.ScriptedHistory.MODEL_A;
import static io.picturepipeline.projection.lifecycle.ScriptedHistory.MODEL_B;
import static io.picturepipeline.testsupport.RequestBuilder.aRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.schemas.Admission;
import io.picturepipeline.schemas.GenerationCancelled;
import io.picturepipeline.schemas.GenerationCompleted;
import io.picturepipeline.schemas.GenerationFailed;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.PipelineEvent;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PGInterval;

/**
 * Each monitoring view on a scripted history (completed, failed, retried, dead-lettered, replayed, resolved, stuck,
 * cancelled) at times relative to now, applied by the real projector into a read model of its own.
 */
class MonitoringViewsTest {

    private static ScriptedHistory history;
    private static IsolatedReadModel readModel;

    @BeforeAll
    static void applyTheScriptedHistory() {
        history = new ScriptedHistory(Instant.now());
        readModel = IsolatedReadModel.create("views_test");
        history.byGeneration().values().forEach(readModel::apply);
    }

    @AfterAll
    static void close() {
        readModel.close();
    }

    @Test
    void queueHealthCountsEachStagesWaitingInProgressAndLastHoursExitsWithTheirTimes() {
        List<Map<String, Object>> rows = rows("select * from queue_health");

        assertThat(rows)
                .extracting(row -> row.get("stage"))
                .containsExactly("queued", "generate", "download", "scheduled");
        assertThat(rows.get(0))
                .containsEntry("waiting", 2L)
                .containsEntry("in_progress", 0L)
                .containsEntry("completed_last_hour", 6L)
                .containsEntry("failed_last_hour", 0L)
                .containsEntry("avg_seconds", new BigDecimal("55.0"))
                .containsEntry("p95_seconds", new BigDecimal("60.0"));
        assertThat(seconds(rows.get(0).get("oldest_waiting"))).isBetween(20 * 60L, 21 * 60L);
        assertThat(rows.get(1))
                .containsEntry("waiting", 2L)
                .containsEntry("in_progress", 1L)
                .containsEntry("completed_last_hour", 3L)
                .containsEntry("failed_last_hour", 1L)
                .containsEntry("avg_seconds", new BigDecimal("330.0"))
                .containsEntry("p95_seconds", new BigDecimal("528.0"));
        assertThat(seconds(rows.get(1).get("oldest_waiting"))).isBetween(120 * 60L, 121 * 60L);
        assertThat(rows.get(2))
                .containsEntry("waiting", 0L)
                .containsEntry("in_progress", 1L)
                .containsEntry("completed_last_hour", 2L)
                .containsEntry("failed_last_hour", 0L)
                .containsEntry("avg_seconds", new BigDecimal("65.0"))
                .containsEntry("p95_seconds", new BigDecimal("114.5"))
                .containsEntry("oldest_waiting", null);
        assertThat(rows.get(3)).containsEntry("waiting", 0L).containsEntry("oldest_waiting", null);
    }

    @Test
    void queueHealthCountsScheduledGenerationsApartFromTheWorkWaitingNow() {
        Instant accepted = Instant.now().minus(3, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        try (IsolatedReadModel scheduled = IsolatedReadModel.create("views_scheduled_test")) {
            scheduled.apply(List.of(aRequest()
                    .id(id)
                    .at(accepted)
                    .prompt("a lighthouse at dusk")
                    .model(MODEL_A)
                    .size(1024, 768)
                    .steps(4, 7.5)
                    .admission(new Admission("free", 0, 1, accepted.plus(1, ChronoUnit.DAYS)))
                    .build()));

            List<Map<String, Object>> rows =
                    scheduled.jdbc().sql("select * from queue_health").query().listOfRows();

            assertThat(rows.get(0)).containsEntry("stage", "queued").containsEntry("waiting", 0L);
            assertThat(rows.get(3)).containsEntry("stage", "scheduled").containsEntry("waiting", 1L);
            assertThat(seconds(rows.get(3).get("oldest_waiting"))).isBetween(3 * 60L, 4 * 60L);
            assertThat(scheduled
                            .jdbc()
                            .sql("select status from generation where id = :id")
                            .param("id", id)
                            .query(String.class)
                            .single())
                    .isEqualTo("scheduled");
        }
    }

    @Test
    void failedJobsRecentListsTheLastDaysFailuresNewestFirstWithStageClassAndAttempts() {
        List<Map<String, Object>> rows = rows("select * from failed_jobs_recent");

        assertThat(rows).extracting(row -> row.get("id")).containsExactly(history.failed, history.resolved);
        assertThat(rows.get(0))
                .containsEntry("stage", "generate")
                .containsEntry("error_class", "ProviderRejected")
                .containsEntry("error_message", "invalid prompt")
                .containsEntry("attempts", 1)
                .containsEntry("owner", "alice")
                .containsEntry("model", MODEL_B)
                .containsEntry("failed_at", Timestamp.from(history.minutes(18)));
        assertThat(rows.get(1)).containsEntry("stage", "download").containsEntry("error_class", "ImageGone");
    }

    @Test
    void stuckJobsListsLiveGenerationsIdlePastTheirStagesThresholdButNotThoseWaitingForARetry() {
        List<Map<String, Object>> rows = rows("select * from stuck_jobs");

        assertThat(rows).extracting(row -> row.get("id")).containsExactly(history.deadLettered, history.stuckQueued);
        assertThat(rows.get(0))
                .containsEntry("stage", "generate")
                .containsEntry("status", "processing")
                .containsEntry("dead_lettered", true)
                .containsEntry("last_event_at", Timestamp.from(history.minutes(120)));
        assertThat(seconds(rows.get(0).get("threshold"))).isEqualTo(15 * 60L);
        assertThat(rows.get(1)).containsEntry("stage", "queued").containsEntry("dead_lettered", false);
        assertThat(seconds(rows.get(1).get("idle_for"))).isBetween(20 * 60L, 21 * 60L);
    }

    @Test
    void stuckJobsFollowsTheThresholdTable() {
        readModel
                .jdbc()
                .sql("update stuck_threshold set threshold = interval '10 minutes' where stage = 'generate'")
                .update();
        try {
            assertThat(rows("select id from stuck_jobs"))
                    .extracting(row -> row.get("id"))
                    .containsExactly(history.deadLettered, history.stuckQueued);
            readModel
                    .jdbc()
                    .sql("update stuck_threshold set threshold = interval '3 minutes' where stage = 'generate'")
                    .update();
            assertThat(rows("select id from stuck_jobs"))
                    .extracting(row -> row.get("id"))
                    .containsExactly(history.deadLettered, history.stuckQueued, history.processing);
        } finally {
            readModel
                    .jdbc()
                    .sql("update stuck_threshold set threshold = interval '15 minutes'")
                    .update();
        }
    }

    @Test
    void throughputHourlyCountsRequestsAndOutcomesByTheHourTheyHappened() {
        Map<Instant, long[]> expected = new TreeMap<>();
        for (PipelineEvent event : history.events()) {
            int column = event instanceof GenerationRequested
                    ? 0
                    : event instanceof GenerationCompleted
                            ? 1
                            : event instanceof GenerationFailed ? 2 : event instanceof GenerationCancelled ? 3 : -1;
            if (column >= 0) {
                expected.computeIfAbsent(event.occurredAt().truncatedTo(ChronoUnit.HOURS), h -> new long[4])[column]++;
            }
        }

        List<Map<String, Object>> rows = rows("select * from throughput_hourly");

        assertThat(rows).hasSize(expected.size());
        assertThat(rows)
                .extracting(row -> ((Timestamp) row.get("hour")).toInstant())
                .containsExactlyElementsOf(expected.keySet().stream()
                        .sorted((a, b) -> b.compareTo(a))
                        .toList());
        for (Map<String, Object> row : rows) {
            long[] counts = expected.get(((Timestamp) row.get("hour")).toInstant());
            assertThat(List.of(row.get("requested"), row.get("completed"), row.get("failed"), row.get("cancelled")))
                    .as("hour %s", row.get("hour"))
                    .containsExactly(counts[0], counts[1], counts[2], counts[3]);
        }
        assertThat(rows.stream().mapToLong(row -> (Long) row.get("requested")).sum())
                .isEqualTo(13);
    }

    @Test
    void modelStatsGivesTheLastDaysCountsSuccessRateAndRequestToCompletionPercentilesPerModel() {
        List<Map<String, Object>> rows = rows("select * from model_stats");

        assertThat(rows).extracting(row -> row.get("model")).containsExactly(MODEL_A, MODEL_B);
        assertThat(rows.get(0))
                .containsEntry("requested", 7L)
                .containsEntry("finished", 4L)
                .containsEntry("completed", 3L)
                .containsEntry("failed", 0L)
                .containsEntry("cancelled", 1L)
                .containsEntry("success_pct", new BigDecimal("100.0"))
                .containsEntry("p50_seconds", new BigDecimal("720.0"))
                .containsEntry("p95_seconds", new BigDecimal("6660.0"));
        assertThat(rows.get(1))
                .containsEntry("requested", 5L)
                .containsEntry("finished", 2L)
                .containsEntry("completed", 0L)
                .containsEntry("failed", 2L)
                .containsEntry("success_pct", new BigDecimal("0.0"))
                .containsEntry("p50_seconds", null);
    }

    @Test
    void deadLetterSummaryCountsOpenResolvedAndReplayedPerStageAndErrorClass() {
        List<Map<String, Object>> rows = rows("select * from dead_letter_summary");

        assertThat(rows)
                .extracting(row -> row.get("stage") + "/" + row.get("error_class"))
                .containsExactly("generate/ProviderTimeout", "download/ImageGone", "generate/ProviderUnavailable");
        assertThat(rows.get(0))
                .containsEntry("open", 1L)
                .containsEntry("resolved", 0L)
                .containsEntry("replayed", 0L);
        assertThat(seconds(rows.get(0).get("oldest_open"))).isBetween(120 * 60L, 121 * 60L);
        assertThat(rows.get(1))
                .containsEntry("open", 0L)
                .containsEntry("resolved", 1L)
                .containsEntry("oldest_open", null);
        assertThat(rows.get(2)).containsEntry("open", 0L).containsEntry("replayed", 1L);
    }

    @Test
    void aDeadLetterKeepsWhoReplayedOrResolvedItWhenAndWhy() {
        assertThat(rows("select * from dead_letter where generation_id = '" + history.replayed + "'"))
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .containsEntry("resolution", "replayed")
                        .containsEntry("replay_count", 1)
                        .containsEntry("resolved_by", "alice")
                        .containsEntry("resolution_reason", "provider is back")
                        .containsEntry("dead_letter_ref", ScriptedHistory.REPLAYED.toString())
                        .containsEntry("resolved_at", Timestamp.from(history.minutes(180))));
        assertThat(rows("select * from dead_letter where generation_id = '" + history.resolved + "'"))
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .containsEntry("resolution", "resolved")
                        .containsEntry("replay_count", 0)
                        .containsEntry("resolved_by", "bob")
                        .containsEntry("resolution_reason", "image host gone"));
    }

    @Test
    void projectionLagSaysTheLastOffsetAndHowOldTheNewestAppliedEventIsPerPartitionAndInAll() {
        List<Map<String, Object>> rows = rows("select * from projection_lag");

        assertThat(rows).extracting(row -> row.get("partition")).containsExactly(null, 0);
        assertThat(rows.get(1))
                .containsEntry("last_offset", (long) history.events().size() - 1)
                .containsEntry("last_event_at", Timestamp.from(history.minutes(1)));
        assertThat(seconds(rows.get(0).get("lag"))).isBetween(60L, 120L);
        assertThat(seconds(rows.get(0).get("idle_for"))).isLessThan(60L);
    }

    private static List<Map<String, Object>> rows(String sql) {
        return readModel.jdbc().sql(sql).query().listOfRows();
    }

    private static long seconds(Object interval) {
        PGInterval value = (PGInterval) interval;
        assertThat(value.getYears() + value.getMonths() + value.getDays()).isZero();
        return value.getHours() * 3600L + value.getMinutes() * 60L + Math.round(value.getSeconds());
    }
}
