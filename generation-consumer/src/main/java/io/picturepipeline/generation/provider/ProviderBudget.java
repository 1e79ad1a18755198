package io.picturepipeline.generation.provider;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The provider account's request budget, shared by every instance: Bucket4j token buckets in PostgreSQL
 * ({@code generation.provider_budget}, advisory-lock based), one for creates and one for every other call (polls,
 * cancels, lists), each {@code limit} per {@code period} refilled greedily. Nothing here blocks: a create over budget
 * is deferred (its record waits in Kafka and comes back), a poll over budget stays due for a later tick; each such
 * wait is counted in {@code pipeline.provider.budget.waits{provider, operation}}. Calls that must go out (cancels, a
 * reconciliation) are counted against the budget without waiting. The generations waiting for a create now are
 * kept by {@link BudgetWaits} (gauges {@code pipeline.provider.budget.waiting} and {@code ...oldest_wait}).
 *
 * <p><b>The safety margin.</b> The provider counts a call when it arrives, this budget when it grants it: between the
 * two lie the row written before a create, the HTTP connection, a loaded machine, and that delay varies from call to
 * call. With the same capacity on both sides, a call that took longer than the next one makes the provider's bucket
 * start refilling later than this one: this budget then grants a token the provider does not have yet, and the call
 * gets a 429 (seen: 3 in a burst of 15 creates on an account of 5 per 5 s, {@code SmallProviderAccountTest}). If
 * grants arrive within {@code margin} of each other's delay, holding back the tokens that refill in {@code margin}
 * ({@code ceil(limit * margin / period)}, from the bucket's capacity, never from its refill rate) is enough: the calls
 * arriving in any window of length {@code w} were granted in a window of {@code w + margin}, at most
 * {@code capacity - held back + limit * (w + margin) / period <= capacity + limit * w / period}, which is what the
 * provider accepts. The long-run rate stays the account's; only the burst at once is smaller (Replicate's 600
 * creates a minute with a 1 s margin: 590 at once, then 10 a second).
 */
public final class ProviderBudget {

    static final String WAITS = "pipeline.provider.budget.waits";
    static final String TABLE = "generation.provider_budget";

    private final Bucket creates;
    private final Bucket calls;
    private final Counter createWaits;
    private final Counter callWaits;
    private final BudgetWaits waiting;

    public ProviderBudget(
            DataSource dataSource,
            String provider,
            String account,
            long createsPerPeriod,
            long callsPerPeriod,
            Duration period,
            Duration margin,
            MeterRegistry registry) {
        ProxyManager<Long> buckets = Bucket4jPostgreSQL.advisoryLockBasedBuilder(dataSource)
                .table(TABLE)
                .build();
        // concurrent requests to one bucket go to PostgreSQL as one (exact: no token is taken twice or lost), so the
        // starters and pollers do not queue one by one behind the bucket's advisory lock
        this.creates = buckets.builder()
                .withOptimization(Optimizations.batching())
                .build(key(provider, account, "creates"), () -> limit(createsPerPeriod, period, margin));
        this.calls = buckets.builder()
                .withOptimization(Optimizations.batching())
                .build(key(provider, account, "calls"), () -> limit(callsPerPeriod, period, margin));
        this.createWaits = waits(registry, provider, "create");
        this.callWaits = waits(registry, provider, "call");
        this.waiting = new BudgetWaits(JdbcClient.create(dataSource), provider, registry);
    }

    private ProviderBudget(Bucket creates, Bucket calls, MeterRegistry registry) {
        this.creates = creates;
        this.calls = calls;
        this.createWaits = waits(registry, "none", "create");
        this.callWaits = waits(registry, "none", "call");
        this.waiting = new BudgetWaits(null, "none", registry);
    }

    /** No budget: for tests of what is around it. */
    static ProviderBudget unlimited(MeterRegistry registry) {
        BucketConfiguration plenty = limit(1_000_000_000L, Duration.ofSeconds(10), Duration.ZERO);
        return new ProviderBudget(
                Bucket.builder().addLimit(plenty.getBandwidths()[0]).build(),
                Bucket.builder().addLimit(plenty.getBandwidths()[0]).build(),
                registry);
    }

    /** Takes one create of this generation from the budget; false when it is spent: the create waits its turn. */
    public boolean tryCreate(UUID generationId) {
        if (creates.tryConsume(1)) {
            waiting.granted(generationId);
            return true;
        }
        createWaits.increment();
        waiting.refused(generationId);
        return false;
    }

    /** Re-reads who waits for the create budget now (the gauges). */
    @Scheduled(fixedDelay = 5, timeUnit = TimeUnit.SECONDS)
    public void refreshWaits() {
        waiting.refresh();
    }

    /** Takes up to {@code wanted} other calls from the budget; what it returns is what may go out now. */
    public int tryCalls(int wanted) {
        if (wanted <= 0) {
            return 0;
        }
        int granted = (int) calls.tryConsumeAsMuchAsPossible(wanted);
        if (granted < wanted) {
            callWaits.increment(wanted - granted);
        }
        return granted;
    }

    /** Counts a call that goes out whatever the budget says (a cancel, a reconciliation list). */
    public void spendCall() {
        calls.consumeIgnoringRateLimits(1);
    }

    private static BucketConfiguration limit(long perPeriod, Duration period, Duration margin) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(capacity(perPeriod, period, margin))
                        .refillGreedy(perPeriod, period)
                        .build())
                .build();
    }

    /**
     * What a bucket of {@code perPeriod} per {@code period} may grant at once: the limit less the tokens that refill in
     * {@code margin} (rounded up). A margin that would leave nothing is a configuration error, not a silent zero.
     */
    static long capacity(long perPeriod, Duration period, Duration margin) {
        if (margin.isNegative()) {
            throw new IllegalArgumentException("pipeline.generation.budget.margin must not be negative: " + margin);
        }
        BigInteger heldBack = BigInteger.valueOf(perPeriod)
                .multiply(BigInteger.valueOf(margin.toNanos()))
                .add(BigInteger.valueOf(period.toNanos() - 1))
                .divide(BigInteger.valueOf(period.toNanos()));
        long capacity = perPeriod - heldBack.longValueExact();
        if (capacity < 1) {
            throw new IllegalArgumentException("pipeline.generation.budget.margin " + margin + " holds back all of "
                    + perPeriod + " per " + period + ": make it shorter (or the budget larger)");
        }
        return capacity;
    }

    private static long key(String provider, String account, String kind) {
        return UUID.nameUUIDFromBytes((provider + "/" + account + "/" + kind).getBytes(StandardCharsets.UTF_8))
                .getMostSignificantBits();
    }

    private static Counter waits(MeterRegistry registry, String provider, String operation) {
        return Counter.builder(WAITS)
                .description("Provider calls that waited their turn because the account's budget was spent")
                .tag("provider", provider)
                .tag("operation", operation)
                .register(registry);
    }
}
