package io.picturepipeline.ingest.outbox;

import io.picturepipeline.ingest.IngestSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes freshly committed outbox rows right away, off the request thread: the commit is the acceptance, so
 * neither a slow nor an absent broker may delay or fail the response. Committed row ids wait in a bounded queue;
 * a few publisher threads drain it in batches (under load one claim covers many requests). Whatever this misses
 * (queue full, broker down, process gone) the relay publishes after the grace period.
 */
@Component
class ImmediatePublisher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ImmediatePublisher.class);
    private static final int PENDING_CAPACITY = 10_000;

    private final OutboxRelay relay;
    private final boolean enabled;
    private final int batchSize;
    private final BlockingQueue<Long> pending = new ArrayBlockingQueue<>(PENDING_CAPACITY);
    private final ThreadPoolExecutor executor;

    ImmediatePublisher(OutboxRelay relay, IngestSettings settings) {
        this.relay = relay;
        this.enabled = settings.outbox().publishImmediately();
        this.batchSize = settings.outbox().batchSize();
        int threads = settings.outbox().publishThreads();
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(threads * 2),
                runnable -> {
                    Thread thread = new Thread(runnable, "outbox-publish-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.DiscardPolicy());
    }

    /** Must be called inside the transaction that wrote the rows; nothing happens unless it commits. */
    void publishAfterCommit(List<Long> outboxIds) {
        if (!enabled || outboxIds.isEmpty()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                enqueue(outboxIds);
            }
        });
    }

    private void enqueue(List<Long> outboxIds) {
        for (Long id : outboxIds) {
            if (!pending.offer(id)) {
                log.debug("immediate publish queue full, the relay publishes outbox row {}", id);
            }
        }
        try {
            // a discarded drain is fine: enough drains are queued or running to take these ids too
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            log.debug("immediate publisher stopped, the relay publishes outbox rows {}", outboxIds);
        }
    }

    private void drain() {
        List<Long> batch = new ArrayList<>(batchSize);
        while (pending.drainTo(batch, batchSize) > 0) {
            try {
                relay.publish(batch);
            } catch (RuntimeException e) {
                log.warn(
                        "immediate publish of {} outbox rows failed, the relay retries: {}",
                        batch.size(),
                        e.toString());
            }
            batch.clear();
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
