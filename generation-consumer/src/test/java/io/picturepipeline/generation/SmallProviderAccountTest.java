package io.picturepipeline.generation;

import static io.picturepipeline.testsupport.RequestBuilder.aRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.picturepipeline.infra.Infrastructure;
import io.picturepipeline.provider.local.LocalProvider;
import io.picturepipeline.provider.local.LocalProviderSettings;
import io.picturepipeline.provider.local.RateLimits;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.Topics;
import io.picturepipeline.testsupport.TestInfrastructure;
import io.picturepipeline.testsupport.TopicRecorder;
import io.picturepipeline.testsupport.TopicWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The stage on a provider account of its own, with Replicate-style rate limits scaled down (5 creates per 5 s) and
 * the stage's budget set to the same (with its default 1 s margin: 4 at once, then 1 a second; without it the burst
 * saw 3 429s), and without webhooks: what settles a prediction here is the create answer or a
 * poll, nothing else.
 *
 * <p>A context of its own in the consumer group {@code generation-consumer}, which {@link StageIntegrationTest}'s
 * context joins too: this class runs first in its JVM ({@link Order}, {@code junit-platform.properties}) and closes
 * its context after it ({@link DirtiesContext}), so the two stages never share the group's partitions. Its database
 * is its own as well.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.org.apache.kafka=warn", "logging.level.kafka=warn"})
@ActiveProfiles("local")
@DirtiesContext
@Order(1)
class SmallProviderAccountTest {

    private static final Infrastructure INFRA = TestInfrastructure.shared();
    private static final String DATABASE = "picture_small_account";
    private static final String TOKEN = "small-account";
    private static final int CREATES = 5;
    private static final int CALLS = 25;
    private static final Duration PERIOD = Duration.ofSeconds(5);

    private static final LocalProvider PROVIDER = LocalProvider.start(LocalProviderSettings.defaults()
            .withLatency(Duration.ofMillis(300))
            .withApiToken(TOKEN)
            .withRateLimits(new RateLimits(CREATES, CALLS, PERIOD)));

    private static TopicRecorder topics;
    private static TopicWriter generate;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private Environment environment;

    @DynamicPropertySource
    static void pipeline(DynamicPropertyRegistry registry) {
        INFRA.postgres().ensureDatabase(DATABASE);
        INFRA.springProperties(DATABASE).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("pipeline.generation.replicate.base-url", PROVIDER::baseUrl);
        registry.add("pipeline.generation.replicate.api-token", () -> TOKEN);
        registry.add("pipeline.generation.replicate.sync-wait", () -> "2s");
        // a loaded test machine may take a moment to hand a fresh record over: still "keeping up"
        registry.add("pipeline.generation.sync-mode-max-age", () -> "5s");
        registry.add("pipeline.generation.first-poll", () -> "200ms");
        registry.add("pipeline.generation.poll-interval", () -> "500ms");
        registry.add("pipeline.generation.poll-tick", () -> "100ms");
        registry.add("pipeline.generation.budget.account", () -> TOKEN);
        registry.add("pipeline.generation.budget.creates", () -> CREATES);
        registry.add("pipeline.generation.budget.calls", () -> CALLS);
        registry.add("pipeline.generation.budget.period", () -> PERIOD.toMillis() + "ms");
        registry.add("pipeline.generation.retry.initial-backoff", () -> "50ms");
        registry.add("pipeline.retry.tier-delays", () -> "200ms,400ms,600ms");
    }

    @BeforeAll
    static void connect() {
        generate = new TopicWriter(INFRA.kafkaBootstrap());
    }

    @AfterAll
    static void disconnect() {
        generate.close();
        if (topics != null) {
            topics.close();
        }
        PROVIDER.close();
    }

    @BeforeEach
    void recordTheDownloadTopic() {
        // only now: the broker is this JVM's own, and the download topic exists once this context has declared it
        // (a recorder made in @BeforeAll, before the context, found no partition to read)
        if (topics == null) {
            topics = new TopicRecorder(INFRA.kafkaBootstrap(), List.of(Topics.DOWNLOAD));
        }
    }

    @BeforeEach
    void onlyThisStageConsumesTheGenerateTopic() {
        int listeners = environment.getRequiredProperty("spring.kafka.listener.concurrency", Integer.class);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrap()))) {
            await("the group generation-consumer holding only this context's listeners (this class runs first)")
                    .atMost(Duration.ofSeconds(60))
                    // on a fresh broker the group does not exist until the listeners have joined it
                    .ignoreException(ExecutionException.class)
                    .until(() -> admin.describeConsumerGroups(List.of("generation-consumer"))
                                    .all()
                                    .get()
                                    .get("generation-consumer")
                                    .members()
                                    .size()
                            == listeners);
        }
    }

    @Test
    void fastPredictionIsSettledByTheSyncCreateAnswerAloneWithNeitherWebhookNorPoll() {
        // 300 ms at the provider, a 2 s sync wait, no webhook asked for: only the create answer can settle it now
        LocalProvider.Stats before = PROVIDER.stats();
        GenerationRequested requested = aRequest()
                .promptNamingTheId("a quick lighthouse, sync mode alone")
                .build();
        UUID id = requested.generationId();

        generate.publish(Topics.GENERATE, requested);

        await().atMost(Duration.ofSeconds(60)).until(() -> status(id), "done"::equals);
        assertThat(topics.events(Topics.DOWNLOAD, id, ImagesGenerated.class)).hasSize(1);
        assertThat(polls(id)).as("polls of this prediction").isZero();
        LocalProvider.Stats after = PROVIDER.stats();
        assertThat(after.created() - before.created()).as("predictions created").isEqualTo(1);
        assertThat(after.polls() - before.polls())
                .as("polls the provider answered")
                .isZero();
        assertThat(after.webhookDeliveries() - before.webhookDeliveries())
                .as("webhooks the provider sent")
                .isZero();
    }

    @Test
    void burstOfThreeTimesTheCreateBudgetWaitsItsTurnAndCompletesWithoutA429() {
        LocalProvider.Stats before = PROVIDER.stats();
        double waitsBefore = createWaits();
        List<GenerationRequested> burst = IntStream.range(0, 3 * CREATES)
                .mapToObj(i -> aRequest()
                        .promptNamingTheId("lighthouse " + i + " of a burst")
                        .build())
                .toList();

        burst.forEach(request -> generate.publish(Topics.GENERATE, request));

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() ->
                        burst.stream().allMatch(r -> status(r.generationId()).equals("done")));
        assertThat(burst)
                .as("one ImagesGenerated per generation")
                .allSatisfy(r -> assertThat(topics.events(Topics.DOWNLOAD, r.generationId(), ImagesGenerated.class))
                        .hasSize(1));
        LocalProvider.Stats after = PROVIDER.stats();
        assertThat(after.rateLimited() - before.rateLimited())
                .as("429s the provider answered")
                .isZero();
        assertThat(after.createRequests() - before.createRequests())
                .as("create requests: one per generation")
                .isEqualTo(burst.size());
        assertThat(after.created() - before.created()).isEqualTo(burst.size());
        assertThat(createWaits() - waitsBefore)
                .as("creates that waited for the budget (pipeline.provider.budget.waits)")
                .isPositive();
    }

    private double createWaits() {
        return meters.get("pipeline.provider.budget.waits")
                .tag("operation", "create")
                .counter()
                .count();
    }

    private String status(UUID generationId) {
        return jdbc.sql("SELECT status FROM generation.prediction WHERE generation_id = :id")
                .param("id", generationId)
                .query(String.class)
                .optional()
                .orElse("absent");
    }

    private int polls(UUID generationId) {
        return jdbc.sql("SELECT polls + poll_errors FROM generation.prediction WHERE generation_id = :id")
                .param("id", generationId)
                .query(Integer.class)
                .single();
    }
}
