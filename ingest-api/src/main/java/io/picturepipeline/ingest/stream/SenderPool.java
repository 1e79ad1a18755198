package io.picturepipeline.ingest.stream;

import io.picturepipeline.ingest.IngestSettings;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** The {@code send-threads} threads that write every stream's frames (one stream's frames in order). */
@Component
class SenderPool implements DisposableBean {

    private final ExecutorService executor;
    private final int capacity;

    SenderPool(IngestSettings settings) {
        this.capacity = settings.streams().sendQueue();
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(settings.streams().sendThreads(), runnable -> {
            Thread thread = new Thread(runnable, "sse-send-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    StreamSender senderFor(FrameSink sink, Runnable onGone) {
        return new StreamSender(sink, executor, capacity, onGone);
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
