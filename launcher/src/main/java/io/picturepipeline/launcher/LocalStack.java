package io.picturepipeline.launcher;

import io.picturepipeline.infra.LocalKafka;
import io.picturepipeline.infra.LocalPostgres;
import io.picturepipeline.provider.local.LocalProvider;
import io.picturepipeline.provider.local.LocalProviderSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The whole pipeline on one machine: PostgreSQL and a Kafka broker from Maven Central jars, the local image
 * provider, and every service as its own process. Stops in reverse order.
 */
final class LocalStack implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final StackSettings settings;
    private final List<ServiceProcess> services = new ArrayList<>();
    private LocalPostgres postgres;
    private LocalKafka kafka;
    private LocalProvider provider;

    private LocalStack(StackSettings settings) {
        this.settings = settings;
    }

    static LocalStack start(StackSettings settings, Consumer<String> progress) {
        LocalStack stack = new LocalStack(settings);
        try {
            stack.startAll(progress);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Consumer<String> progress) {
        progress.accept("starting PostgreSQL on port " + settings.postgresPort());
        postgres = LocalPostgres.start(settings.dataDir().resolve("postgres"), settings.postgresPort());
        postgres.ensureDatabase(StackSettings.DATABASE);
        progress.accept("starting Kafka on " + settings.kafkaBootstrap());
        kafka = LocalKafka.start(settings.dataDir().resolve("kafka"), settings.kafkaPort());
        progress.accept("starting the local image provider on " + settings.providerUrl());
        provider = LocalProvider.start(LocalProviderSettings.defaults()
                .withPort(settings.providerPort())
                .withLatency(settings.providerLatency()));
        progress.accept("starting services (logs in " + settings.logDir() + ")");
        String provider = "127.0.0.1:" + settings.providerPort();
        services.add(ServiceProcess.start(settings, "projection", settings.projectionPort(), List.of()));
        services.add(ServiceProcess.start(settings, "ingest-api", settings.ingestPort(), List.of()));
        services.add(ServiceProcess.start(
                settings,
                "generation-consumer",
                settings.generationPort(),
                List.of("--pipeline.generation.replicate.base-url=" + settings.providerUrl())));
        services.add(ServiceProcess.start(
                settings,
                "download-consumer",
                settings.downloadPort(),
                List.of("--pipeline.download.trusted-internal-hosts=" + provider)));
        CompletableFuture.allOf(services.stream()
                        .map(s -> CompletableFuture.runAsync(() -> {
                            s.awaitHealthy(STARTUP_TIMEOUT);
                            progress.accept(s.name() + " is up (" + s.healthUrl() + ")");
                        }))
                        .toArray(CompletableFuture[]::new))
                .join();
    }

    StackSettings settings() {
        return settings;
    }

    List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    LocalKafka kafka() {
        return kafka;
    }

    LocalPostgres postgres() {
        return postgres;
    }

    LocalProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        services.parallelStream().forEach(s -> s.stop(STOP_GRACE));
        if (provider != null) {
            provider.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
