package io.picturepipeline.ingest.webhook;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The first bytes of an endpoint's answer, for its owner to read beside the status: once {@code maxBytes} are in, the
 * subscription is cancelled (the connection is closed) and the rest is never read, however much or slowly it comes.
 */
final class Excerpt implements HttpResponse.BodySubscriber<String> {

    private final int maxBytes;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    private Excerpt(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    static HttpResponse.BodyHandler<String> upTo(int maxBytes) {
        return info -> new Excerpt(maxBytes);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (maxBytes == 0) {
            finish();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer item : items) {
            int take = Math.min(item.remaining(), maxBytes - buffer.size());
            byte[] chunk = new byte[take];
            item.get(chunk);
            buffer.write(chunk, 0, take);
            if (buffer.size() >= maxBytes) {
                finish();
                return;
            }
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable throwable) {
        // the status line is what counts; what arrived of the body is kept
        result.complete(text());
    }

    @Override
    public void onComplete() {
        result.complete(text());
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }

    private void finish() {
        subscription.cancel();
        result.complete(text());
    }

    private String text() {
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
