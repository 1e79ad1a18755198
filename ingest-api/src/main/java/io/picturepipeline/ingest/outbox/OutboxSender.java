package io.picturepipeline.ingest.outbox;

import io.picturepipeline.ingest.IngestSettings;
import io.picturepipeline.retry.EventPublisher;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The broker's side of the {@link OutboxRelay}: sends claimed rows all at once, waits for the acknowledgements up to
 * {@code publish-timeout}, and sorts the rows into published, failed (the next sweep retries them) and parked (a
 * failure no retry can cure: {@link PermanentFailures}).
 */
@Component
class OutboxSender {

    private final EventPublisher publisher;
    private final EventCodec codec;
    private final IngestSettings.Outbox settings;

    OutboxSender(EventPublisher publisher, EventCodec codec, IngestSettings settings) {
        this.publisher = publisher;
        this.codec = codec;
        this.settings = settings.outbox();
    }

    Sent sendAll(List<OutboxRelay.Row> rows) {
        List<CompletableFuture<Void>> sends = rows.stream().map(this::send).toList();
        awaitAll(sends);
        List<Long> published = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        List<Failure> parked = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            OutboxRelay.Row row = rows.get(i);
            CompletableFuture<Void> send = sends.get(i);
            if (send.isDone() && !send.isCompletedExceptionally()) {
                published.add(row.id());
                continue;
            }
            Throwable cause = causeOf(send);
            Throwable permanent = cause == null ? null : PermanentFailures.find(cause);
            if (permanent != null) {
                parked.add(new Failure(row, describe(permanent)));
            } else {
                failed.add(new Failure(row, describe(cause == null ? null : PermanentFailures.rootOf(cause))));
            }
        }
        return new Sent(published, failed, parked);
    }

    private CompletableFuture<Void> send(OutboxRelay.Row row) {
        try {
            PipelineEvent event = codec.decode(row.payload());
            return publisher.publish(row.topic(), event);
        } catch (RuntimeException e) {
            // a broker without metadata makes send() throw instead of failing the future
            return CompletableFuture.failedFuture(e);
        }
    }

    private void awaitAll(List<CompletableFuture<Void>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // inspected one by one by the caller
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static @Nullable Throwable causeOf(CompletableFuture<Void> send) {
        if (!send.isDone()) {
            return null;
        }
        try {
            send.join();
            return null;
        } catch (RuntimeException e) {
            return e.getCause() == null ? e : e.getCause();
        }
    }

    private static String describe(@Nullable Throwable cause) {
        if (cause == null) {
            return "no acknowledgement from the broker in time";
        }
        return Text.truncate(cause.getClass().getSimpleName() + ": " + cause.getMessage(), 1000);
    }

    record Failure(OutboxRelay.Row row, String error) {

        @Override
        public String toString() {
            return "generation " + row.generationId() + " to " + row.topic() + ": " + error;
        }
    }

    record Sent(List<Long> published, List<Failure> failed, List<Failure> parked) {

        Sent and(Sent other) {
            return new Sent(
                    concat(published, other.published), concat(failed, other.failed), concat(parked, other.parked));
        }

        private static <T> List<T> concat(List<T> a, List<T> b) {
            List<T> both = new ArrayList<>(a);
            both.addAll(b);
            return both;
        }
    }
}
