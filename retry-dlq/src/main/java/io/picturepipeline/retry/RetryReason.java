package io.picturepipeline.retry;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/** The {@code reason} tag of {@code pipeline.retries}: what kind of transient failure a retry answers. */
final class RetryReason {

    private static final Pattern SERVER_ERROR = Pattern.compile("\\b5\\d\\d\\b");
    private static final Pattern RATE_LIMITED = Pattern.compile("\\b429\\b");

    private RetryReason() {}

    static String of(Throwable failure) {
        if (failure instanceof TransientException transientError) {
            if (transientError.retryReason() != null) {
                return transientError.retryReason();
            }
            if (transientError.retryAfter().isPresent()) {
                return "rate_limited";
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TimeoutException
                    || cause instanceof HttpTimeoutException
                    || cause instanceof SocketTimeoutException) {
                return "timeout";
            }
            if (cause instanceof ConnectException) {
                return "connection";
            }
        }
        String message = String.valueOf(failure.getMessage());
        if (RATE_LIMITED.matcher(message).find()) {
            return "rate_limited";
        }
        if (SERVER_ERROR.matcher(message).find()) {
            return "server_error";
        }
        if (message.contains("did not finish within") || message.contains("timed out")) {
            return "timeout";
        }
        return "other";
    }
}
