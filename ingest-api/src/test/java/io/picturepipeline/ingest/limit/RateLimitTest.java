package io.picturepipeline.ingest.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class RateLimitTest extends IngestIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void theTwentyFirstSubmissionWithinAnHourIsA429WithRetryAfterAndLeavesNothingBehind() {
        String user = Api.newUser("eager");
        double rateLimited = meters.get("pipeline.submits")
                .tag("outcome", "rate_limited")
                .counter()
                .count();
        for (int i = 0; i < 20; i++) {
            api().submitValid(user, "picture " + i);
        }

        Api.Response refused = api().submit(user, "{\"prompt\": \"one too many\"}");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(3000L, 3600L);
        assertThat(refused.json().get("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
        assertThat(refused.json().get("limits").get("hourly").get("used").asInt())
                .isEqualTo(20);
        assertThat(requestsOf(user)).isEqualTo(20);
        assertThat(orphanOutboxRows()).as("a refusal publishes nothing").isZero();
        assertThat(meters.get("pipeline.submits")
                        .tag("outcome", "rate_limited")
                        .counter()
                        .count())
                .isEqualTo(rateLimited + 1);
    }

    @Test
    void exactlyOneOfTenConcurrentSubmissionsGetsTheLastSlot() throws Exception {
        String user = Api.newUser("racer");
        accepted(user, 19, Instant.now().minus(Duration.ofMinutes(10)));

        List<Callable<Integer>> racers = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 10; i++) {
            int n = i;
            racers.add(() -> {
                start.await();
                return api().submit(user, "{\"prompt\": \"racer " + n + "\"}").status();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> results = racers.stream().map(pool::submit).toList();
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }

            assertThat(statuses).filteredOn(status -> status == 202).hasSize(1);
            assertThat(statuses).filteredOn(status -> status == 429).hasSize(9);
            assertThat(requestsOf(user)).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theDailyLimitCountsTheLastTwentyFourHoursAndSaysWhenASlotFrees() {
        String user = Api.newUser("daily");
        Instant oldest = Instant.now().minus(Duration.ofHours(23)).truncatedTo(ChronoUnit.SECONDS);
        for (int hour = 0; hour < 20; hour++) {
            accepted(user, 5, oldest.plus(Duration.ofHours(hour)));
        }
        accepted(user, 50, Instant.now().minus(Duration.ofDays(2)));

        Api.Response refused = api().submit(user, "{\"prompt\": \"the hundred and first\"}");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        long expected =
                Duration.between(Instant.now(), oldest.plus(Duration.ofDays(1))).toSeconds();
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(expected - 5, expected + 5);
        JsonNode limits = api().get(user, "/api/v1/limits").json();
        assertThat(limits.get("daily").get("used").asInt()).isEqualTo(100);
        assertThat(limits.get("hourly").get("used").asInt()).isZero();
        assertThat(limits.get("canGenerate").asBoolean()).isFalse();
    }

    @Test
    void limitsTellAUserWhereTheyStand() {
        String user = Api.newUser("careful");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        api().submitValid(user, "one");
        api().submitValid(user, "two");
        api().submitValid(user, "three");
        accepted(user, 4, Instant.now().minus(Duration.ofHours(2)));

        JsonNode limits = api().get(user, "/api/v1/limits").json();

        assertThat(limits.get("hourly").get("limit").asInt()).isEqualTo(20);
        assertThat(limits.get("hourly").get("used").asInt()).isEqualTo(3);
        assertThat(Instant.parse(limits.get("hourly").get("resetsAt").asString()))
                .isBetween(before.plus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1)));
        assertThat(limits.get("daily").get("limit").asInt()).isEqualTo(100);
        assertThat(limits.get("daily").get("used").asInt()).isEqualTo(7);
        assertThat(limits.get("canGenerate").asBoolean()).isTrue();
        JsonNode nobody = api().get(Api.newUser("fresh"), "/api/v1/limits").json();
        assertThat(nobody.get("hourly").get("used").asInt()).isZero();
        assertThat(nobody.get("hourly").get("resetsAt").isNull()).isTrue();
    }

    /** Plays the past: {@code count} accepted requests of {@code user} at {@code at}, as a submission records them. */
    private void accepted(String user, int count, Instant at) {
        for (int i = 0; i < count; i++) {
            jdbc.sql("""
                            insert into ingest.generation_request (id, owner, parameters, created_at)
                            values (?, ?, '{"prompt": "earlier", "model": "black-forest-labs/flux-schnell"}', ?)
                            """)
                    .param(UUID.randomUUID())
                    .param(user)
                    .param(OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                    .update();
            jdbc.sql("""
                            insert into ingest.submit_window as w (owner, accepted) values (?, array[cast(? as timestamptz)])
                            on conflict (owner) do update
                                set accepted = array(select t from unnest(w.accepted || excluded.accepted) t order by t)
                            """)
                    .param(user)
                    .param(OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                    .update();
        }
    }

    private int requestsOf(String user) {
        return jdbc.sql("select count(*) from ingest.generation_request where owner = ?")
                .param(user)
                .query(Integer.class)
                .single();
    }

    private int orphanOutboxRows() {
        return jdbc.sql("""
                        select count(*) from ingest.outbox o
                        where not exists (select 1 from ingest.generation_request r where r.id = o.generation_id)
                        """).query(Integer.class).single();
    }
}
