package io.picturepipeline.provider.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * A running fake of Replicate's predictions HTTP API (see README). Start with {@link #start(LocalProviderSettings)},
 * point a Replicate client at {@link #baseUrl()}, and {@link #close()} when done.
 */
public final class LocalProvider implements AutoCloseable {

    /**
     * Request counters and the current number of retained predictions per status (lower-case status names);
     * {@code rateLimited}: 429s for going over the account's {@link RateLimits}, not the injected ones.
     */
    public record Stats(
            long createRequests,
            long created,
            long polls,
            long lists,
            long cancels,
            long fileDownloads,
            long webhookDeliveries,
            long webhookFailures,
            long injectedErrors,
            long hungRequests,
            long unauthorized,
            long rateLimited,
            Map<String, Long> byStatus) {}

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private final HttpServer server;
    private final ProviderThreads threads;
    private final FaultInjector faults;
    private final Counters counters = new Counters();
    private final PredictionStore store;

    private LocalProvider(LocalProviderSettings settings) throws IOException {
        InetAddress address = InetAddress.getByName(settings.bindAddress());
        server = HttpServer.create(new InetSocketAddress(address, settings.port()), 1024);
        threads = ProviderThreads.create(settings.threads());
        faults = new FaultInjector(settings.latency(), settings.faults());
        store = new PredictionStore(settings.maxPredictions(), settings.clock());
        ProviderWiring.mount(server, settings, threads, faults, store, counters, this::stats);
        server.start();
    }

    /** Binds and starts serving; fails with {@link UncheckedIOException} if the port cannot be bound. */
    public static LocalProvider start(LocalProviderSettings settings) {
        try {
            return new LocalProvider(settings);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start local-provider on port " + settings.port(), e);
        }
    }

    /** Starts with {@link LocalProviderSettings#defaults()} (random port). */
    public static LocalProvider start() {
        return start(LocalProviderSettings.defaults());
    }

    /** E.g. {@code http://127.0.0.1:8090}, no trailing slash; Replicate's API is under {@code /v1}. */
    public String baseUrl() {
        return ProviderWiring.baseUrl(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Stats stats() {
        return StatsView.snapshot(counters, store);
    }

    /** The active faults, latency resolved to the effective value. */
    public Faults faults() {
        return faults.current();
    }

    /** Replaces the active faults; a {@code null} latency means the latency configured at start. */
    public void faults(Faults value) {
        faults.set(value);
    }

    /** Back to no faults and the latency configured at start, like {@code DELETE /admin/faults}. */
    public void resetFaults() {
        faults.set(faults.baseline());
    }

    /** Stops serving at once (hung and endless responses are cut off) and stops all threads. Idempotent. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
