package io.picturepipeline.ingest.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.testsupport.TestInfrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A submission borrows one pooled connection and holds it for its transaction only: the plan, the idempotency key,
 * the rate-limit row and the writes all go over it. With a pool of two connections and twenty submissions at once,
 * submissions that borrowed a second connection while holding a first would each hold one and wait for the other's
 * until the pool's timeout, and answer 503. Flyway gets connections of its own here (it holds three while it
 * migrates), so the pool is the API's alone.
 */
@Import(PoolUse.Counting.class)
@TestPropertySource(
        properties = {
            "spring.datasource.hikari.maximum-pool-size=2",
            "spring.datasource.hikari.minimum-idle=1",
            "spring.datasource.hikari.connection-timeout=60000"
        })
class OneConnectionPerSubmitTest extends IngestIntegrationTest {

    @DynamicPropertySource
    static void flywayOutsideThePool(DynamicPropertyRegistry registry) {
        TestInfrastructure.shared().springProperties(DATABASE).forEach((key, value) -> {
            if (key.startsWith("spring.datasource.")) {
                String flyway = key.replace("spring.datasource.", "spring.flyway.");
                registry.add(flyway.replace(".username", ".user"), () -> value);
            }
        });
    }

    /** The plan, the rate-limit row, the request row with its outbox rows (one statement), the commit. */
    private static final int ROUND_TRIPS = 4;

    @Test
    void aSubmissionBorrowsOneConnectionAndSendsItsStatementsOverIt() {
        String user = Api.newUser("counted");
        api().submitValid(user, "warming up");

        PoolUse.reset();
        api().submitValid(user, "a lighthouse, counted");

        assertThat(List.of(PoolUse.BORROWED.get(), PoolUse.ROUND_TRIPS.get()))
                .as("connections borrowed and round trips of one submission")
                .containsExactly(1, ROUND_TRIPS);
    }

    @Test
    void withAnIdempotencyKeyTheKeyIsClaimedOverTheSameConnection() {
        String user = Api.newUser("keyed");
        api().submitValid(user, "warming up");

        PoolUse.reset();
        Api.Response accepted = api().send(java.net.http.HttpRequest.newBuilder(api().uri("/api/v1/generations"))
                .header("Authorization", "Bearer " + Api.token(user))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "counted-" + user)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"prompt\": \"a keyed lighthouse\"}")));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(List.of(PoolUse.BORROWED.get(), PoolUse.ROUND_TRIPS.get()))
                .as("connections borrowed and round trips of one submission with a key")
                .containsExactly(1, ROUND_TRIPS + 1);
    }

    @Test
    void twentyConcurrentSubmissionsShareAPoolOfTwoConnections() throws Exception {
        int submissions = 20;
        List<String> users = new ArrayList<>();
        List<Callable<Api.Response>> submitters = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < submissions; i++) {
            String user = Api.newUser("pooled");
            users.add(user);
            submitters.add(() -> {
                start.await();
                return api().submit(user, "{\"prompt\": \"one of twenty\"}");
            });
        }
        ExecutorService threads = Executors.newFixedThreadPool(submissions);
        try {
            List<Future<Api.Response>> results =
                    submitters.stream().map(threads::submit).toList();
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Response> result : results) {
                statuses.add(result.get().status());
            }

            assertThat(statuses).containsOnly(202).hasSize(submissions);
            assertThat(jdbc.sql("select count(*) from ingest.generation_request where owner in (:owners)")
                            .param("owners", users)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(submissions);
        } finally {
            threads.shutdownNow();
        }
    }
}
