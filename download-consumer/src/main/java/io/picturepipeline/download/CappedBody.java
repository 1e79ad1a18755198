package io.picturepipeline.download;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body collected up to a cap: the moment more bytes arrive than allowed, the subscription is cancelled
 * (closing the connection) and the body fails with {@link Refused}; a huge or endless body is never read past the
 * cap. The other two forms take no body at all: one for responses whose body we do not need (redirects, errors),
 * one for responses refused on their headers alone.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The body was refused; carries a message for the dead-letter record. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static final int INITIAL_BUFFER = 64 * 1024;

    private final long maxBytes;
    private final Refused refusal;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer;
    private volatile Flow.Subscription subscription;
    private long received;

    private CappedBody(long maxBytes, Refused refusal, int initialBuffer) {
        this.maxBytes = maxBytes;
        this.refusal = refusal;
        this.buffer = new ByteArrayOutputStream(initialBuffer);
    }

    static CappedBody upTo(long maxBytes, long announcedLength) {
        long hint = announcedLength > 0 ? Math.min(announcedLength, maxBytes) : Math.min(INITIAL_BUFFER, maxBytes);
        return new CappedBody(maxBytes, null, (int) Math.max(hint, 0));
    }

    static CappedBody discarding() {
        return new CappedBody(-1, null, 0);
    }

    static CappedBody refusing(String message) {
        return new CappedBody(-1, new Refused(message), 0);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (refusal != null) {
            subscription.cancel();
            result.completeExceptionally(refusal);
        } else if (maxBytes < 0) {
            subscription.cancel();
            result.complete(new byte[0]);
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            received += item.remaining();
            if (received > maxBytes) {
                subscription.cancel();
                result.completeExceptionally(new Refused("the body exceeds the cap of " + maxBytes + " bytes"));
                return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            buffer.write(chunk, 0, chunk.length);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(buffer.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    /** Stops reading (the caller gave up, e.g. on the deadline) and closes the connection. */
    void abort() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        result.cancel(false);
    }
}
