package io.picturepipeline.provider.local;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link LocalProvider} until SIGTERM/SIGINT. Environment: {@code PROVIDER_PORT} (8090), {@code
 * PROVIDER_LATENCY} (ISO-8601, PT2S), {@code PROVIDER_API_TOKEN} (unset = any token), {@code PROVIDER_BIND_ADDRESS}
 * (127.0.0.1), {@code PROVIDER_THREADS} (64), {@code PROVIDER_MAX_PREDICTIONS} (100000), {@code
 * PROVIDER_WEBHOOK_SECRET} (a fixed default {@code whsec_...}), {@code PROVIDER_OUTPUT_RETENTION} (ISO-8601, PT1H),
 * {@code PROVIDER_RATE_LIMIT_CREATES} / {@code PROVIDER_RATE_LIMIT_CALLS} / {@code PROVIDER_RATE_LIMIT_PERIOD} (600 /
 * 3000 / PT1M, Replicate's).
 */
public final class LocalProviderMain {

    private LocalProviderMain() {}

    public static void main(String[] args) throws InterruptedException {
        LocalProvider provider = LocalProvider.start(settingsFrom(System.getenv()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            provider.close();
                            stopped.countDown();
                        },
                        "local-provider-shutdown"));
        System.out.println("local-provider listening on " + provider.baseUrl() + " (latency "
                + provider.faults().latency() + ")");
        stopped.await();
    }

    static LocalProviderSettings settingsFrom(Map<String, String> env) {
        LocalProviderSettings defaults = LocalProviderSettings.defaults();
        return defaults.withPort(Integer.parseInt(env.getOrDefault("PROVIDER_PORT", "8090")))
                .withLatency(Duration.parse(env.getOrDefault("PROVIDER_LATENCY", "PT2S")))
                .withApiToken(blankToNull(env.get("PROVIDER_API_TOKEN")))
                .withBindAddress(env.getOrDefault("PROVIDER_BIND_ADDRESS", defaults.bindAddress()))
                .withThreads(Integer.parseInt(env.getOrDefault("PROVIDER_THREADS", "" + defaults.threads())))
                .withMaxPredictions(
                        Integer.parseInt(env.getOrDefault("PROVIDER_MAX_PREDICTIONS", "" + defaults.maxPredictions())))
                .withWebhookSecret(env.getOrDefault("PROVIDER_WEBHOOK_SECRET", defaults.webhookSecret()))
                .withOutputRetention(Duration.parse(env.getOrDefault(
                        "PROVIDER_OUTPUT_RETENTION", defaults.outputRetention().toString())))
                .withRateLimits(rateLimits(env, defaults.rateLimits()));
    }

    /**
     * The environment that makes {@link #main} start a provider with {@code settings}: the inverse of
     * {@link #settingsFrom}, for a parent that runs the provider as its own process. Faults and clock stay the
     * defaults (none, the system's).
     */
    public static Map<String, String> environmentOf(LocalProviderSettings settings) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PROVIDER_PORT", Integer.toString(settings.port()));
        env.put("PROVIDER_LATENCY", settings.latency().toString());
        env.put("PROVIDER_API_TOKEN", settings.apiToken() == null ? "" : settings.apiToken());
        env.put("PROVIDER_BIND_ADDRESS", settings.bindAddress());
        env.put("PROVIDER_THREADS", Integer.toString(settings.threads()));
        env.put("PROVIDER_MAX_PREDICTIONS", Integer.toString(settings.maxPredictions()));
        env.put("PROVIDER_WEBHOOK_SECRET", settings.webhookSecret());
        env.put("PROVIDER_OUTPUT_RETENTION", settings.outputRetention().toString());
        env.put(
                "PROVIDER_RATE_LIMIT_CREATES",
                Long.toString(settings.rateLimits().creates()));
        env.put("PROVIDER_RATE_LIMIT_CALLS", Long.toString(settings.rateLimits().calls()));
        env.put("PROVIDER_RATE_LIMIT_PERIOD", settings.rateLimits().period().toString());
        return env;
    }

    private static RateLimits rateLimits(Map<String, String> env, RateLimits defaults) {
        return new RateLimits(
                Long.parseLong(env.getOrDefault("PROVIDER_RATE_LIMIT_CREATES", "" + defaults.creates())),
                Long.parseLong(env.getOrDefault("PROVIDER_RATE_LIMIT_CALLS", "" + defaults.calls())),
                Duration.parse(env.getOrDefault(
                        "PROVIDER_RATE_LIMIT_PERIOD", defaults.period().toString())));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
