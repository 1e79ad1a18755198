package io.picturepipeline.provider.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

/** Builds the handlers of a {@link LocalProvider} and mounts them on the server. */
final class ProviderWiring {

    private ProviderWiring() {}

    static void mount(
            HttpServer server,
            LocalProviderSettings settings,
            ProviderThreads threads,
            FaultInjector faults,
            PredictionStore store,
            Counters counters,
            Supplier<LocalProvider.Stats> stats) {
        Scheduler scheduler = new Scheduler(threads.timer(), settings.clock());
        HttpClient webhookClient = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                // plain HTTP/1.1 POSTs, without the JDK's default offer to upgrade to cleartext HTTP/2
                .version(HttpClient.Version.HTTP_1_1)
                .executor(threads.webhooks())
                .build();
        WebhookSender sender =
                new WebhookSender(webhookClient, new WebhookSigner(settings.webhookSecret()), scheduler, counters);
        PredictionEndpoints endpoints = new PredictionEndpoints(
                new PredictionFactory(
                        faults, counters, settings.clock(), settings.outputRetention(), new SourceImages()),
                store,
                new WebhookDispatcher(scheduler, sender),
                new SyncWaiter(scheduler),
                counters,
                settings.clock(),
                baseUrl(server),
                settings.webhookSecret());
        Hanger hanger = new Hanger(scheduler, counters);
        Authenticator authenticator = new Authenticator(settings.apiToken(), counters);
        RateLimiter rateLimiter = new RateLimiter(settings.rateLimits(), counters);
        server.createContext("/v1/", new ApiHandler(endpoints, authenticator, rateLimiter, faults, hanger, counters));
        server.createContext("/files/", new FilesHandler(store, faults, hanger, counters, settings.clock()));
        AdminHandler admin = new AdminHandler(faults, stats);
        server.createContext("/admin/", admin);
        server.createContext("/health", admin);
        server.createContext("/", new SafeHandler() {
            @Override
            void serve(HttpExchange exchange) {
                throw ApiException.notFound();
            }
        });
        server.setExecutor(threads.workers());
    }

    /** E.g. {@code http://127.0.0.1:8090}: loopback name for wildcard binds, brackets for IPv6 literals. */
    static String baseUrl(HttpServer server) {
        InetAddress address = server.getAddress().getAddress();
        String host = address.isAnyLocalAddress() ? "localhost" : address.getHostAddress();
        return "http://" + (address instanceof Inet6Address && !address.isAnyLocalAddress() ? "[" + host + "]" : host)
                + ":" + server.getAddress().getPort();
    }
}
