package io.picturepipeline.projection.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.infra.Infrastructure;
import io.picturepipeline.projection.ProjectionApplication;
import io.picturepipeline.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The rebuild as {@code ./pp rebuild-projection} runs it (the projection in its {@code rebuild} profile), beside the
 * live projection of the other tests, on the shared broker and database.
 */
class RebuildTest extends ProjectionIntegrationTest {

    @Autowired
    JdbcTemplate jdbcTemplate;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void aRebuildFromTheBeginningOfTheTopicIntoAnEmptySchemaEqualsTheLiveReadModelRowForRow() {
        ScriptedHistory history = new ScriptedHistory(Instant.now());
        history.byGeneration().values().forEach(events -> lifecycle().publish(events));
        lifecycle().publish(Histories.completed(UUID.randomUUID()));
        await("the live projection at the end of the topic")
                .atMost(Duration.ofSeconds(60))
                .until(() -> lifecycle().allConsumed());

        rebuild(false);

        assertThat(ReadModelDiff.between(jdbc, "projection", "projection_rebuild", Set.of()))
                .isEmpty();
        for (String table : ReadModelDiff.TABLES) {
            assertThat(ReadModelDiff.rows(jdbc, "projection_rebuild", table))
                    .as(table)
                    .isPositive();
        }
        assertThat(ReadModelDiff.rows(jdbc, "projection_rebuild", "generation_event"))
                .isGreaterThanOrEqualTo(history.events().size());
    }

    @Test
    void theRebuiltSchemaReplacesTheLiveOneWhileEventsKeepComingAndLosesNoneOfThem() throws Exception {
        List<UUID> published = new ArrayList<>();
        AtomicBoolean publishing = new AtomicBoolean(true);
        CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
            while (publishing.get() || published.size() < 20) {
                UUID id = UUID.randomUUID();
                lifecycle().publish(Histories.completed(id));
                synchronized (published) {
                    published.add(id);
                }
            }
        });

        rebuild(true);
        publishing.set(false);
        traffic.get();
        UUID afterTheSwap = UUID.randomUUID();
        lifecycle().publish(Histories.completed(afterTheSwap));

        await("the live projection at the end of the topic")
                .atMost(Duration.ofSeconds(60))
                .until(() -> lifecycle().allConsumed());
        assertThat(jdbc.sql("select count(*) from projection.generation where id in (:ids) and status = 'completed'"
                                + " and attempts = 3")
                        .param("ids", published)
                        .query(Long.class)
                        .single())
                .isEqualTo(published.size());
        assertThat(status(afterTheSwap)).isEqualTo("completed");
        assertThat(jdbc.sql("select count(*) from projection.generation_event where generation_id in (:ids)")
                        .param("ids", published)
                        .query(Long.class)
                        .single())
                .isEqualTo(published.size()
                        * (long) Histories.completed(UUID.randomUUID()).size());
        assertThat(jdbc.sql("select nspname from pg_namespace where nspname like 'projection%' order by 1")
                        .query(String.class)
                        .list())
                .containsExactly("projection");
    }

    @Test
    void aLiveBatchWaitingForTheSwapsLockIsAppliedToTheNewSchema() {
        rebuild(false);
        UUID id = UUID.randomUUID();
        SchemaSwap swap = new SchemaSwap(jdbcTemplate, transactionManager);

        swap.swap(
                () -> {
                    lifecycle().publish(Histories.completed(id));
                    await("the live projection waiting for the lock")
                            .atMost(Duration.ofSeconds(60))
                            .until(() -> jdbc.sql("""
                                            select count(*) from pg_stat_activity
                                            where wait_event_type = 'Lock' and query like 'insert into generation_event%'
                                            """).query(Long.class).single() > 0);
                },
                Duration.ofSeconds(30));

        await("the waiting batch applied").atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(status(id)));
        assertThat(jdbc.sql("select count(*) from projection.generation_event where generation_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(Histories.completed(id).size());
    }

    /** {@code ./pp rebuild-projection} in this JVM: the projection application in its rebuild profile. */
    static void rebuild(boolean swap) {
        Infrastructure infrastructure = TestInfrastructure.shared();
        List<String> args = new ArrayList<>();
        infrastructure.springProperties("picture").forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--pipeline.projection.rebuild.swap=" + swap);
        try (ConfigurableApplicationContext rebuild = new SpringApplicationBuilder(ProjectionApplication.class)
                .profiles("local", "rebuild")
                .run(args.toArray(String[]::new))) {
            assertThat(rebuild.isActive()).isTrue();
        }
    }
}
