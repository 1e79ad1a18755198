package io.picturepipeline.ingest.stream;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one stream's frames in order on a shared pool, so neither the lifecycle feed nor other clients wait for a
 * slow one. A client with {@code capacity} frames waiting is cut off (its stream completes); it reconnects with
 * {@code Last-Event-ID} and is replayed what it missed.
 */
final class StreamSender {

    private static final Logger log = LoggerFactory.getLogger(StreamSender.class);

    private final FrameSink sink;
    private final Executor executor;
    private final int capacity;
    private final Runnable onGone;
    private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean completeQueued = new AtomicBoolean();
    private volatile boolean gone;

    StreamSender(FrameSink sink, Executor executor, int capacity, Runnable onGone) {
        this.sink = sink;
        this.executor = executor;
        this.capacity = capacity;
        this.onGone = onGone;
    }

    void send(Frame frame) {
        if (gone || completeQueued.get()) {
            return;
        }
        if (queued.incrementAndGet() > capacity) {
            log.info("an SSE client fell {} frames behind: ending its stream, it resumes with Last-Event-ID", capacity);
            complete();
            return;
        }
        queue.add(frame);
        schedule();
    }

    /** Ends the stream after the frames already queued. */
    void complete() {
        if (completeQueued.compareAndSet(false, true)) {
            queued.incrementAndGet();
            queue.add(END);
            schedule();
        }
    }

    private static final Frame END = Frame.comment("end");

    private void schedule() {
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining.set(false);
                gone();
            }
        }
    }

    private void drain() {
        try {
            Frame frame;
            while (!gone && (frame = queue.poll()) != null) {
                queued.decrementAndGet();
                if (frame == END) {
                    sink.complete();
                    gone();
                    return;
                }
                sink.send(frame);
            }
        } catch (Exception e) {
            // the client went away (or the container gave up on the request)
            log.debug("SSE client gone: {}", e.toString());
            gone();
            try {
                sink.complete();
            } catch (RuntimeException ignored) {
                // already completed
            }
        } finally {
            draining.set(false);
        }
        if (!gone && !queue.isEmpty()) {
            schedule();
        }
    }

    private void gone() {
        if (!gone) {
            gone = true;
            queue.clear();
            onGone.run();
        }
    }
}
