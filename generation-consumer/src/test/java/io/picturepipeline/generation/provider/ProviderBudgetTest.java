package io.picturepipeline.generation.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.picturepipeline.infra.Infrastructure;
import io.picturepipeline.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The account's budget on the real PostgreSQL, shared by two instances of the stage. */
class ProviderBudgetTest {

    private static final Infrastructure INFRA = TestInfrastructure.shared();
    private static DataSource dataSource;

    @BeforeAll
    static void migrate() {
        INFRA.postgres().ensureDatabase("picture");
        var properties = INFRA.springProperties("picture");
        dataSource = new DriverManagerDataSource(
                properties.get("spring.datasource.url"),
                properties.get("spring.datasource.username"),
                properties.get("spring.datasource.password"));
        Flyway.configure()
                .dataSource(dataSource)
                .schemas("generation")
                .locations("classpath:db/migration/generation")
                .load()
                .migrate();
    }

    @Test
    void burstOfThreeTimesTheCreateBudgetWaitsItsTurnAndEveryCreateGoesOutInTheEnd() {
        String account = "burst-" + UUID.randomUUID();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // two instances of the stage, one budget: 5 creates per 5 s (a budget call can take 0.5 s on a loaded machine:
        // the refill must stay slower than the calls, or nothing ever waits)
        ProviderBudget first = new ProviderBudget(
                dataSource, "replicate", account, 5, 100, Duration.ofSeconds(5), Duration.ZERO, meters);
        ProviderBudget second = new ProviderBudget(
                dataSource, "replicate", account, 5, 100, Duration.ofSeconds(5), Duration.ZERO, meters);
        int burst = 10;
        List<Long> grantedAt = new ArrayList<>();
        AtomicInteger turn = new AtomicInteger();
        long start = System.nanoTime();

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    ProviderBudget instance = turn.getAndIncrement() % 2 == 0 ? first : second;
                    if (grantedAt.size() < burst && instance.tryCreate(UUID.randomUUID())) {
                        grantedAt.add(System.nanoTime() - start);
                    }
                    return grantedAt.size() == burst;
                });

        assertThat(grantedAt)
                .as("every create of the burst went out: none dropped")
                .hasSize(burst);
        assertThat(grantedAt.stream().filter(t -> t < Duration.ofMillis(500).toNanos()))
                .as("granted at once: the budget, not the burst")
                .hasSizeLessThanOrEqualTo(5);
        assertThat(Duration.ofNanos(grantedAt.get(burst - 1)))
                .as("the other 5 waited for the budget to refill (5 per 5 s)")
                .isGreaterThanOrEqualTo(Duration.ofMillis(4000));
        assertThat(meters.get(ProviderBudget.WAITS)
                        .tag("operation", "create")
                        .counter()
                        .count())
                .as("the waits are visible")
                .isPositive();
    }

    @Test
    void aGenerationWaitingForTheCreateBudgetIsCountedUntilItsCreateGoesOut() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ProviderBudget budget = new ProviderBudget(
                dataSource,
                "replicate",
                "waits-" + UUID.randomUUID(),
                1,
                100,
                Duration.ofSeconds(2),
                Duration.ZERO,
                meters);
        UUID waiting = UUID.randomUUID();
        assertThat(budget.tryCreate(UUID.randomUUID()))
                .as("the one create of the period")
                .isTrue();

        assertThat(budget.tryCreate(waiting)).isFalse();
        budget.refreshWaits();

        assertThat(meters.get(BudgetWaits.WAITING).gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get(BudgetWaits.OLDEST).gauge().value()).isNotNegative();
        assertThat(waitingSince(waiting)).isPresent();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> budget.tryCreate(waiting));
        assertThat(waitingSince(waiting))
                .as("no longer waiting once its create went out")
                .isEmpty();
    }

    private static Optional<Instant> waitingSince(UUID generationId) {
        return JdbcClient.create(dataSource)
                .sql("SELECT since FROM generation.budget_wait WHERE generation_id = :id")
                .param("id", generationId)
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional();
    }

    @Test
    void pollsBeyondTheCallBudgetAreHeldBackNotDropped() {
        ProviderBudget budget = new ProviderBudget(
                dataSource,
                "replicate",
                "calls-" + UUID.randomUUID(),
                5,
                10,
                Duration.ofMinutes(1),
                Duration.ZERO,
                new SimpleMeterRegistry());

        assertThat(budget.tryCalls(8)).isEqualTo(8);
        assertThat(budget.tryCalls(8)).as("only what is left").isEqualTo(2);
        budget.spendCall();
        assertThat(budget.tryCalls(1)).as("a forced call overdraws the budget").isZero();
    }

    @Test
    void theMarginHoldsBackWhatRefillsWithinItFromTheBurstAtOnce() {
        // 10 creates and 10 calls a minute, a 12 s margin: the 2 tokens that refill in 12 s are held back from each
        ProviderBudget budget = new ProviderBudget(
                dataSource,
                "replicate",
                "margin-" + UUID.randomUUID(),
                10,
                10,
                Duration.ofMinutes(1),
                Duration.ofSeconds(12),
                new SimpleMeterRegistry());

        assertThat(budget.tryCalls(10)).as("calls at once").isEqualTo(8);
        long creates = IntStream.range(0, 10)
                .filter(i -> budget.tryCreate(UUID.randomUUID()))
                .count();
        assertThat(creates).as("creates at once").isEqualTo(8);
    }

    @Test
    void aLoweredBudgetTakesEffectOnTheStoredBucketsAtTheNextStart() {
        String account = "lowered-" + UUID.randomUUID();
        ProviderBudget before = hourly(account, 10, 10);
        assertThat(before.tryCalls(1)).isEqualTo(1);
        assertThat(createsAtOnce(before, 1)).isEqualTo(1);

        ProviderBudget restarted = hourly(account, 3, 3);

        assertThat(restarted.tryCalls(10))
                .as("the 9 calls left of the old budget, cut to the new capacity")
                .isEqualTo(3);
        assertThat(createsAtOnce(restarted, 10)).as("creates at once").isEqualTo(3);
        assertThat(createsAtOnce(before, 1))
                .as("an instance still running with the old limits uses the stored, new ones")
                .isZero();
    }

    @Test
    void aRaisedBudgetRefillsAtItsNewRateWithoutABurstOfTheDifference() {
        String account = "raised-" + UUID.randomUUID();
        ProviderBudget before = hourly(account, 5, 5);
        assertThat(before.tryCalls(3)).isEqualTo(3);

        // 3,600 an hour: one more call a second, where the old budget would give none for 12 minutes
        ProviderBudget restarted = hourly(account, 5, 3600);

        assertThat(restarted.tryCalls(3600))
                .as("the 2 calls left and what refilled since, not the 3,595 the raise added to the capacity")
                .isBetween(2, 100);
        AtomicInteger refilled = new AtomicInteger();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> refilled.addAndGet(restarted.tryCalls(1)) >= 5);
    }

    @Test
    void theSameBudgetAtTheNextStartKeepsWhatWasSpent() {
        String account = "same-" + UUID.randomUUID();
        ProviderBudget before = hourly(account, 10, 10);
        assertThat(before.tryCalls(7)).isEqualTo(7);
        assertThat(createsAtOnce(before, 4)).isEqualTo(4);

        ProviderBudget restarted = hourly(account, 10, 10);

        assertThat(restarted.tryCalls(10)).as("calls left").isEqualTo(3);
        assertThat(createsAtOnce(restarted, 10)).as("creates left").isEqualTo(6);
    }

    /** A budget refilling so slowly that no token comes back while a test runs. */
    private static ProviderBudget hourly(String account, long creates, long calls) {
        return new ProviderBudget(
                dataSource,
                "replicate",
                account,
                creates,
                calls,
                Duration.ofHours(1),
                Duration.ZERO,
                new SimpleMeterRegistry());
    }

    private static long createsAtOnce(ProviderBudget budget, int tried) {
        return IntStream.range(0, tried)
                .filter(i -> budget.tryCreate(UUID.randomUUID()))
                .count();
    }

    @Test
    void theMarginIsTheTokensThatRefillWithinItRoundedUpAndMayNotTakeTheWholeLimit() {
        assertThat(ProviderBudget.capacity(600, Duration.ofMinutes(1), Duration.ofSeconds(1)))
                .as("Replicate's creates")
                .isEqualTo(590);
        assertThat(ProviderBudget.capacity(3000, Duration.ofMinutes(1), Duration.ofSeconds(1)))
                .as("Replicate's other calls")
                .isEqualTo(2950);
        assertThat(ProviderBudget.capacity(5, Duration.ofSeconds(5), Duration.ofMillis(100)))
                .as("a tenth of a token is still one")
                .isEqualTo(4);
        assertThat(ProviderBudget.capacity(5, Duration.ofSeconds(5), Duration.ZERO))
                .isEqualTo(5);
        assertThatThrownBy(() -> ProviderBudget.capacity(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("budget.margin");
    }
}
