package io.picturepipeline.generation.provider.replicate;

import io.picturepipeline.generation.provider.ProviderRejectedException;
import io.picturepipeline.generation.provider.ProviderUnavailableException;
import io.picturepipeline.generation.provider.ProviderUnavailableException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which failures may pass. 429 → transient with the server's {@code Retry-After}; 408, 425 and 5xx → transient;
 * every other 4xx (400, 401, 402, 403, 404, 422, …) → permanent, never retried. No answer at all (timeout,
 * refused or reset connection) → transient.
 */
final class HttpErrors {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_DETAIL = 300;

    private HttpErrors() {}

    static RuntimeException forStatus(String operation, int status, String retryAfterHeader, String body, Instant now) {
        String message = "Replicate " + operation + " answered HTTP " + status + ": " + detail(body);
        if (status == 429) {
            return new ProviderUnavailableException(
                    Kind.RATE_LIMITED, status, message, retryAfter(retryAfterHeader, now), null);
        }
        if (status == 408) {
            return new ProviderUnavailableException(Kind.TIMEOUT, status, message, null, null);
        }
        if (status >= 500 || status == 425) {
            return new ProviderUnavailableException(
                    Kind.SERVER_ERROR, status, message, retryAfter(retryAfterHeader, now), null);
        }
        if (status >= 400) {
            return new ProviderRejectedException(status, message);
        }
        return new ProviderUnavailableException(Kind.SERVER_ERROR, status, message, null, null);
    }

    static ProviderUnavailableException forIo(String operation, Throwable error) {
        if (error instanceof HttpConnectTimeoutException || error instanceof ConnectException) {
            return new ProviderUnavailableException(
                    Kind.CONNECTION, 0, "Replicate " + operation + ": cannot connect: " + error, null, error);
        }
        if (error instanceof HttpTimeoutException) {
            return new ProviderUnavailableException(
                    Kind.TIMEOUT, 0, "Replicate " + operation + " timed out: " + error.getMessage(), null, error);
        }
        if (error instanceof IOException) {
            return new ProviderUnavailableException(
                    Kind.CONNECTION, 0, "Replicate " + operation + " failed: " + error, null, error);
        }
        return null;
    }

    /** Seconds or an HTTP date; {@code null} when absent or unreadable. */
    static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration until = Duration.between(now, at);
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** Replicate's problem {@code detail}, else the start of the body. */
    static String detail(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        String text = body;
        try {
            JsonNode json = JSON.readTree(body);
            if (json.hasNonNull("detail")) {
                text = json.get("detail").isString()
                        ? json.get("detail").asString()
                        : json.get("detail").toString();
            }
        } catch (JacksonException notJson) {
            // the raw body is the detail
        }
        text = text.strip().replaceAll("\\s+", " ");
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
    }
}
