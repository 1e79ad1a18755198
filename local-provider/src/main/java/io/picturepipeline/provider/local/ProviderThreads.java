package io.picturepipeline.provider.local;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The provider's pools: bounded HTTP workers, one timer thread, and a small pool for the webhook client. */
record ProviderThreads(ExecutorService workers, ScheduledExecutorService timer, ExecutorService webhooks) {

    static ProviderThreads create(int workerThreads) {
        return new ProviderThreads(
                Executors.newFixedThreadPool(workerThreads, new DaemonThreads("local-provider-http")),
                Executors.newSingleThreadScheduledExecutor(new DaemonThreads("local-provider-timer")),
                Executors.newFixedThreadPool(2, new DaemonThreads("local-provider-webhook")));
    }

    void shutdownNow() {
        timer.shutdownNow();
        workers.shutdownNow();
        webhooks.shutdownNow();
    }
}
