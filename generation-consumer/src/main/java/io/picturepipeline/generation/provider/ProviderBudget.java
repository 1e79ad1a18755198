package io.picturepipeline.generation.provider;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
            MeterRegistry registry) {
        ProxyManager<Long> buckets = Bucket4jPostgreSQL.advisoryLockBasedBuilder(dataSource)
                .table(TABLE)
                .build();
        // concurrent requests to one bucket go to PostgreSQL as one (exact: no token is taken twice or lost), so the
        // starters and pollers do not queue one by one behind the bucket's advisory lock
        this.creates = buckets.builder()
                .withOptimization(Optimizations.batching())
                .build(key(provider, account, "creates"), () -> limit(createsPerPeriod, period));
        this.calls = buckets.builder()
                .withOptimization(Optimizations.batching())
                .build(key(provider, account, "calls"), () -> limit(callsPerPeriod, period));
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
        BucketConfiguration plenty = limit(1_000_000_000L, Duration.ofSeconds(10));
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

    private static BucketConfiguration limit(long perPeriod, Duration period) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(perPeriod)
                        .refillGreedy(perPeriod, period)
                        .build())
                .build();
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
