package io.picturepipeline.ingest.stream;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Writes one stream's frames in order on a shared pool, so neither the lifecycle feed nor other clients wait for a
 * slow one. A client with {@code capacity} frames waiting is cut off (its stream completes); it reconnects with
 * {@code Last-Event-ID} and is replayed what it missed.
 */
final class StreamSender {

    private static final Logger log = LoggerFactory.getLogger(StreamSender.class);

    private final SseEmitter emitter;
    private final Executor executor;
    private final int capacity;
    private final Runnable onGone;
    private final Queue<SseEmitter.@Nullable SseEventBuilder> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean completeQueued = new AtomicBoolean();
    private volatile boolean gone;

    StreamSender(SseEmitter emitter, Executor executor, int capacity, Runnable onGone) {
        this.emitter = emitter;
        this.executor = executor;
        this.capacity = capacity;
        this.onGone = onGone;
    }

    void send(SseEmitter.SseEventBuilder frame) {
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

    private static final SseEmitter.SseEventBuilder END = SseEmitter.event().comment("end");

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
            SseEmitter.SseEventBuilder frame;
            while (!gone && (frame = queue.poll()) != null) {
                queued.decrementAndGet();
                if (frame == END) {
                    emitter.complete();
                    gone();
                    return;
                }
                emitter.send(frame);
            }
        } catch (Exception e) {
            // the client went away (or the container gave up on the request)
            log.debug("SSE client gone: {}", e.toString());
            gone();
            try {
                emitter.complete();
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
