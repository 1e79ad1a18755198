package io.picturepipeline.ops;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C during a replay: the run finishes the dead letter it is on (one transaction), writes its summary and
 * stops; the shutdown waits for that, a few seconds at most.
 */
final class StopSignal {

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);

    boolean requested() {
        return requested.get();
    }

    void requestAndAwait() {
        requested.set(true);
        try {
            finished.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void finished() {
        finished.countDown();
    }
}
