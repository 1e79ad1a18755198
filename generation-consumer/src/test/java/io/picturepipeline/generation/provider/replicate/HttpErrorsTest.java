package io.picturepipeline.generation.provider.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.generation.provider.ProviderRejectedException;
import io.picturepipeline.generation.provider.ProviderUnavailableException;
import io.picturepipeline.generation.provider.ProviderUnavailableException.Kind;
import io.picturepipeline.retry.NonRetryableException;
import io.picturepipeline.retry.TransientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpErrorsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void tooManyRequestsIsTransientAndCarriesRetryAfterSeconds() {
        RuntimeException error =
                HttpErrors.forStatus("create", 429, "7", "{\"detail\":\"Request was throttled.\",\"status\":429}", NOW);

        assertThat(error).isInstanceOf(TransientException.class).hasMessageContaining("Request was throttled");
        assertThat(((ProviderUnavailableException) error).kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(((TransientException) error).retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterMayBeAnHttpDate() {
        RuntimeException error = HttpErrors.forStatus("poll", 429, "Sun, 01 Mar 2026 12:00:30 GMT", "", NOW);

        assertThat(((TransientException) error).retryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void anUnreadableRetryAfterIsNoRetryAfter() {
        RuntimeException error = HttpErrors.forStatus("poll", 429, "soon", "", NOW);

        assertThat(error).isInstanceOf(TransientException.class);
        assertThat(((TransientException) error).retryAfter()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void serverErrorsAreTransient(int status) {
        RuntimeException error = HttpErrors.forStatus("create", status, null, "Service Unavailable", NOW);

        assertThat(error).isInstanceOf(ProviderUnavailableException.class);
        assertThat(((ProviderUnavailableException) error).kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(((ProviderUnavailableException) error).status()).isEqualTo(status);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 402, 403, 404, 422})
    void clientErrorsArePermanent(int status) {
        RuntimeException error = HttpErrors.forStatus(
                "create",
                status,
                null,
                "{\"title\":\"Input validation failed\",\"detail\":\"input.width must be an integer\"}",
                NOW);

        assertThat(error)
                .isInstanceOf(NonRetryableException.class)
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessageContaining("HTTP " + status)
                .hasMessageContaining("input.width must be an integer");
        assertThat(((ProviderRejectedException) error).status()).isEqualTo(status);
    }

    @Test
    void requestTimeoutIsTransient() {
        assertThat(HttpErrors.forStatus("poll", 408, null, "", NOW)).isInstanceOf(TransientException.class);
    }

    @Test
    void noAnswerIsTransient() {
        assertThat(HttpErrors.forIo("poll", new HttpTimeoutException("request timed out"))
                        .kind())
                .isEqualTo(Kind.TIMEOUT);
        assertThat(HttpErrors.forIo("create", new ConnectException("Connection refused"))
                        .kind())
                .isEqualTo(Kind.CONNECTION);
        assertThat(HttpErrors.forIo("create", new IOException("connection reset")))
                .isInstanceOf(TransientException.class);
    }

    @Test
    void longBodiesAreCutInTheMessage() {
        RuntimeException error = HttpErrors.forStatus("create", 400, null, "x".repeat(5000), NOW);

        assertThat(error.getMessage()).hasSizeLessThan(400);
    }
}
