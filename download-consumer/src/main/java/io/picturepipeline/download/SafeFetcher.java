package io.picturepipeline.download;

import io.picturepipeline.retry.NonRetryableException;
import io.picturepipeline.retry.TransientException;
import io.picturepipeline.retry.egress.FetchPolicy;
import io.picturepipeline.storage.ImageFormat;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one provider output under the {@link FetchPolicy}: every hop is checked before it is contacted, redirects
 * are followed by hand (the client never follows one itself), the body is capped while it streams and the whole
 * output, redirects included, has one deadline. The result is an image whose bytes match its content type.
 *
 * <p>Failures are classified for the retry policy: a refusal (policy, size, type, 4xx, too many redirects) is a
 * {@link NonRetryableException} and is dead-lettered at once; timeouts, connection errors, 5xx, 408 and 429 are a
 * {@link TransientException}, with the server's {@code Retry-After} when it sent one.
 */
final class SafeFetcher {

    private static final Logger log = LoggerFactory.getLogger(SafeFetcher.class);

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final String ACCEPT = "image/png, image/jpeg, image/webp, image/svg+xml";

    private final FetchPolicy policy;
    private final FetchLimits limits;
    private final Clock clock;
    private final HttpClient client;

    SafeFetcher(FetchPolicy policy, FetchLimits limits, Clock clock) {
        this.policy = policy;
        this.limits = limits;
        this.clock = clock;
        // no proxy: the addresses the policy checked must be the ones connected to
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(limits.connectTimeout())
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
    }

    FetchedImage fetch(URI uri) {
        long deadline = System.nanoTime() + limits.downloadTimeout().toNanos();
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            policy.check(current);
            HttpResponse<byte[]> response = exchange(current, deadline);
            int status = response.statusCode();
            if (!REDIRECTS.contains(status)) {
                return image(current, response);
            }
            if (redirects >= limits.maxRedirects()) {
                throw new NonRetryableException("refused to fetch " + FetchPolicy.origin(uri) + ": more than "
                        + limits.maxRedirects() + " redirects");
            }
            URI next = location(current, response);
            log.debug("{} redirects ({}) to {}", FetchPolicy.origin(current), status, FetchPolicy.origin(next));
            current = next;
        }
    }

    private HttpResponse<byte[]> exchange(URI uri, long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timedOut(uri, null);
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri)
                    .GET()
                    .timeout(Duration.ofNanos(remaining))
                    .header("Accept", ACCEPT)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new NonRetryableException("refused to fetch " + FetchPolicy.origin(uri) + ": " + e.getMessage(), e);
        }
        GuardedBody body = new GuardedBody(uri);
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, body);
        try {
            return future.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            body.abort();
            throw timedOut(uri, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            body.abort();
            Thread.currentThread().interrupt();
            throw new TransientException("interrupted while fetching " + FetchPolicy.origin(uri), e);
        } catch (ExecutionException e) {
            throw translate(uri, e.getCause());
        }
    }

    private FetchedImage image(URI uri, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String origin = FetchPolicy.origin(uri);
        if (status == 200) {
            // the content type was checked before the body was read; the bytes must match it
            ImageFormat format = ImageFormat.ofContentType(
                            response.headers().firstValue("Content-Type").orElse(null))
                    .orElseThrow();
            byte[] bytes = response.body();
            if (!ImageSignatures.matches(format, bytes)) {
                throw new NonRetryableException("refused the body from " + origin + ": it is announced as "
                        + format.contentType() + " but its bytes are not one");
            }
            return new FetchedImage(uri, format, bytes);
        }
        if (status == 408 || status == 429 || status >= 500) {
            Duration retryAfter = RetryAfter.parse(
                    response.headers().firstValue("Retry-After").orElse(null), clock.instant());
            throw new TransientException("GET " + origin + " answered " + status, retryAfter, null);
        }
        if (status == 404 || status == 410) {
            throw new OutputGoneException("GET " + origin + " answered " + status);
        }
        throw new NonRetryableException("GET " + origin + " answered " + status);
    }

    private static URI location(URI current, HttpResponse<byte[]> response) {
        String location = response.headers()
                .firstValue("Location")
                .orElseThrow(() -> new NonRetryableException("GET " + FetchPolicy.origin(current) + " answered "
                        + response.statusCode() + " without a Location"));
        try {
            return current.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw new NonRetryableException(
                    "GET " + FetchPolicy.origin(current) + " redirects to an invalid URL: " + e.getMessage(), e);
        }
    }

    private RuntimeException translate(URI uri, Throwable failure) {
        String origin = FetchPolicy.origin(uri);
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CappedBody.Refused refused) {
                return new NonRetryableException("refused the body from " + origin + ": " + refused.getMessage());
            }
            if (cause instanceof HttpTimeoutException timeout) {
                return timedOut(uri, timeout);
            }
            if (cause == cause.getCause()) {
                break;
            }
        }
        if (failure instanceof IOException || failure.getCause() instanceof IOException) {
            return new TransientException("fetching " + origin + " failed: " + failure, failure);
        }
        return new TransientException("fetching " + origin + " failed unexpectedly: " + failure, failure);
    }

    private TransientException timedOut(URI uri, Throwable cause) {
        return new TransientException(
                "fetching " + FetchPolicy.origin(uri) + " did not finish within " + limits.downloadTimeout()
                        + " (connect timeout " + limits.connectTimeout() + ")",
                null,
                cause);
    }

    /** Decides from the status line and headers alone what of the body is read. */
    private final class GuardedBody implements HttpResponse.BodyHandler<byte[]> {

        private final URI uri;
        private volatile CappedBody body;

        GuardedBody(URI uri) {
            this.uri = uri;
        }

        @Override
        public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
            body = decide(info);
            return body;
        }

        private CappedBody decide(HttpResponse.ResponseInfo info) {
            if (info.statusCode() != 200) {
                return CappedBody.discarding();
            }
            String contentType = info.headers().firstValue("Content-Type").orElse(null);
            Optional<ImageFormat> format = ImageFormat.ofContentType(contentType);
            if (format.isEmpty()) {
                return CappedBody.refusing("content type " + contentType + " is not one of " + ACCEPT);
            }
            OptionalLong announced;
            try {
                announced = info.headers().firstValueAsLong("Content-Length");
            } catch (NumberFormatException e) {
                return CappedBody.refusing("malformed Content-Length");
            }
            if (announced.isPresent() && announced.getAsLong() > limits.maxBytes()) {
                return CappedBody.refusing("Content-Length " + announced.getAsLong() + " exceeds the cap of "
                        + limits.maxBytes() + " bytes");
            }
            log.debug("reading {} from {}", format.get().contentType(), FetchPolicy.origin(uri));
            return CappedBody.upTo(limits.maxBytes(), announced.orElse(-1));
        }

        void abort() {
            CappedBody current = body;
            if (current != null) {
                current.abort();
            }
        }
    }
}
