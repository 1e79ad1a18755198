package io.picturepipeline.bench.stack;

/**
 * The bench's provider account: limits far above any offered load, so that Replicate's 600 creates a minute (10/s)
 * does not cap every run and measure the account instead of the pipeline. The generation-consumer's budget runs with
 * the same limits (its cost is measured); the local provider enforces them.
 */
public final class ProviderAccount {

    public static final long CREATES_PER_MINUTE = 6_000_000;

    public static final long CALLS_PER_MINUTE = 30_000_000;

    private ProviderAccount() {}
}
