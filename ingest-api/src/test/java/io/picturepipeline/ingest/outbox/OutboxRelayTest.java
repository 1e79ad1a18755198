package io.picturepipeline.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.ingest.Topic;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.GenerationParameters;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.Topics;
import io.picturepipeline.testsupport.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OutboxRelayTest extends IngestIntegrationTest {

    private static final EventCodec CODEC = new EventCodec();

    @Autowired
    OutboxRelay relay;

    @Autowired
    MeterRegistry meters;

    @Test
    void rowsCommittedByAProcessThatDiedBeforePublishingArePublishedByTheRelay() {
        String user = Api.newUser("crashed");
        UUID id = UUID.randomUUID();
        // what a commit leaves behind when the process dies before its after-commit publish
        insertRequest(id, user);
        insertOutboxRow(id, user, Topics.GENERATE, "now()");
        insertOutboxRow(id, user, Topics.LIFECYCLE, "now()");

        for (String topic : List.of(Topics.GENERATE, Topics.LIFECYCLE)) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(Topic.requestedBy(topic, user))
                            .extracting(GenerationRequested::generationId)
                            .contains(id));
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(outboxRowsOf(id)).isZero());
    }

    @Test
    void aRowAnotherPublisherHoldsIsSkippedAndPublishedOnceReleased() throws Exception {
        String user = Api.newUser("contended");
        UUID id = UUID.randomUUID();
        insertRequest(id, user);
        // not due for the sweeps yet: only the explicit publish below may try it
        long row = insertOutboxRow(id, user, Topics.GENERATE, "now() + interval '1 hour'");

        try (Connection other = TestInfrastructure.shared().postgres().connect(DATABASE)) {
            other.setAutoCommit(false);
            try (PreparedStatement lock =
                    other.prepareStatement("select id from ingest.outbox where id = ? for update")) {
                lock.setLong(1, row);
                assertThat(lock.executeQuery().next()).isTrue();
            }

            OutboxRelay.Batch batch = relay.publish(List.of(row));

            assertThat(batch.claimed())
                    .as("a locked row is skipped, not waited for")
                    .isZero();
            assertThat(Topic.requestedBy(Topics.GENERATE, user)).isEmpty();

            // the other publisher gives the row up, due now
            try (PreparedStatement due = other.prepareStatement(
                    "update ingest.outbox set created_at = now() - interval '1 minute' where id = ?")) {
                due.setLong(1, row);
                due.executeUpdate();
            }
            other.commit();
        }

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Topic.requestedBy(Topics.GENERATE, user))
                        .extracting(GenerationRequested::generationId)
                        .containsExactly(id));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(outboxRowsOf(id)).isZero());
    }

    @Test
    void aStageRowWaitsUntilItsGenerationsLifecycleRowIsPublished() throws Exception {
        String user = Api.newUser("announced-first");
        UUID id = UUID.randomUUID();
        insertRequest(id, user);
        // not due for the sweeps yet: only the explicit publish below may try them
        long lifecycle = insertOutboxRow(id, user, Topics.LIFECYCLE, "now() + interval '1 hour'");
        long generate = insertOutboxRow(id, user, Topics.GENERATE, "now() + interval '1 hour'");

        try (Connection other = TestInfrastructure.shared().postgres().connect(DATABASE)) {
            other.setAutoCommit(false);
            try (PreparedStatement lock =
                    other.prepareStatement("select id from ingest.outbox where id = ? for update")) {
                lock.setLong(1, lifecycle);
                assertThat(lock.executeQuery().next()).isTrue();
            }

            OutboxRelay.Batch batch = relay.publish(List.of(lifecycle, generate));

            assertThat(batch.claimed()).isEqualTo(1);
            assertThat(batch.published())
                    .as("the generate row stays while GenerationRequested is unpublished")
                    .isZero();
            assertThat(outboxRowsOf(id)).isEqualTo(2);
            other.rollback();
        }

        OutboxRelay.Batch batch = relay.publish(List.of(lifecycle, generate));

        assertThat(batch.published()).isEqualTo(2);
        for (String topic : List.of(Topics.LIFECYCLE, Topics.GENERATE)) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(Topic.requestedBy(topic, user))
                            .extracting(GenerationRequested::generationId)
                            .containsExactly(id));
        }
    }

    @Test
    void aRowThatCanNeverBePublishedIsParkedAndNewerRowsArePublished() {
        String user = Api.newUser("unpublishable");
        UUID broken = UUID.randomUUID();
        UUID fine = UUID.randomUUID();
        insertRequest(broken, user);
        insertRequest(fine, user);
        // the oldest rows of the queue: one whose payload can never become a record, then its generation's next row
        long unpublishable = jdbc.sql("""
                        insert into ingest.outbox (generation_id, topic, event_type, payload, created_at)
                        values (?, ?, 'GenerationRequested', ?, now() - interval '1 minute') returning id
                        """)
                .param(broken)
                .param(Topics.LIFECYCLE)
                .param("{\"type\": \"GenerationRequested\", \"truncated".getBytes(StandardCharsets.UTF_8))
                .query(Long.class)
                .single();
        long behind = insertOutboxRow(broken, user, Topics.GENERATE, "now() - interval '50 seconds'");
        insertOutboxRow(fine, user, Topics.LIFECYCLE, "now() - interval '40 seconds'");
        insertOutboxRow(fine, user, Topics.GENERATE, "now() - interval '40 seconds'");

        for (String topic : List.of(Topics.LIFECYCLE, Topics.GENERATE)) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(Topic.requestedBy(topic, user))
                            .extracting(GenerationRequested::generationId)
                            .containsExactly(fine));
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(parkReason(unpublishable))
                        .startsWith("PoisonRecordException: not a valid pipeline event"));
        assertThat(parkReason(behind))
                .as("a later row of the parked generation waits behind it, unparked")
                .isEqualTo("not parked");
        assertThat(outboxRowsOf(broken)).isEqualTo(2);
        assertThat(outboxRowsOf(fine)).isZero();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                meters.get("pipeline.outbox.parked").gauge().value())
                        .isGreaterThanOrEqualTo(2));

        // what ops do to discard it (docs/operations.md)
        jdbc.sql("delete from ingest.outbox where generation_id = ?")
                .param(broken)
                .update();
    }

    private String parkReason(long row) {
        return jdbc.sql("select coalesce(park_reason, 'not parked') from ingest.outbox where id = ?")
                .param(row)
                .query(String.class)
                .single();
    }

    private void insertRequest(UUID id, String user) {
        jdbc.sql("""
                        insert into ingest.generation_request (id, owner, parameters, created_at)
                        values (?, ?, cast(? as jsonb), now())
                        """)
                .param(id)
                .param(user)
                .param(Api.JSON.writeValueAsString(parameters()))
                .update();
    }

    private long insertOutboxRow(UUID id, String user, String topic, String createdAt) {
        byte[] payload = CODEC.encode(GenerationRequested.of(id, Instant.now(), user, parameters()));
        return jdbc.sql("insert into ingest.outbox (generation_id, topic, event_type, payload, created_at)"
                        + " values (?, ?, 'GenerationRequested', ?, " + createdAt + ") returning id")
                .param(id)
                .param(topic)
                .param(payload)
                .query(Long.class)
                .single();
    }

    private int outboxRowsOf(UUID id) {
        return jdbc.sql("select count(*) from ingest.outbox where generation_id = ?")
                .param(id)
                .query(Integer.class)
                .single();
    }

    private static GenerationParameters parameters() {
        return new GenerationParameters(
                "left behind", null, "black-forest-labs/flux-schnell", 1024, 1024, 4, 0, null, null, null, 1);
    }
}
