package io.picturepipeline.provider.local;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.util.LinkedHashMap;
import java.util.Map;

/** Keeps {@link RateLimits} per account (API token) with Bucket4j token buckets; the least recently seen are dropped. */
final class RateLimiter {

    private static final int MAX_ACCOUNTS = 10_000;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private record Account(Bucket creates, Bucket calls) {}

    private final RateLimits limits;
    private final Counters counters;
    private final Map<String, Account> accounts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Account> eldest) {
            return size() > MAX_ACCOUNTS;
        }
    };

    RateLimiter(RateLimits limits, Counters counters) {
        this.limits = limits;
        this.counters = counters;
    }

    /** Takes one create or other call from the account's limit, or throws Replicate's 429. */
    void take(String token, boolean create) {
        Account account;
        synchronized (accounts) {
            account =
                    accounts.computeIfAbsent(token, t -> new Account(bucket(limits.creates()), bucket(limits.calls())));
        }
        ConsumptionProbe probe = (create ? account.creates() : account.calls()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            counters.rateLimited.increment();
            long seconds = (probe.getNanosToWaitForRefill() + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
            throw ApiException.throttled(Math.max(1, seconds));
        }
    }

    private Bucket bucket(long perPeriod) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(perPeriod)
                        .refillGreedy(perPeriod, limits.period())
                        .build())
                .build();
    }
}
