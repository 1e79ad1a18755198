package io.picturepipeline.provider.local;

import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** An HTTP error answer thrown by handlers and written by {@link SafeHandler}; carries no stack trace. */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final transient ObjectNode body;
    final transient Map<String, String> headers;

    private ApiException(int status, ObjectNode body, Map<String, String> headers) {
        super(body.path("detail").asString(""), null, false, false);
        this.status = status;
        this.body = body;
        this.headers = headers;
    }

    static ApiException of(int status, String title, String detail) {
        return new ApiException(status, Json.problem(status, title, detail), Map.of());
    }

    static ApiException notFound() {
        ObjectNode body = Json.object();
        body.put("detail", "Not found.");
        body.put("status", 404);
        return new ApiException(404, body, Map.of());
    }

    static ApiException invalid(String detail) {
        return of(422, "Input validation failed", detail);
    }

    static ApiException unauthenticated(String detail) {
        return of(401, "Unauthenticated", detail);
    }

    static ApiException methodNotAllowed() {
        return of(405, "Method Not Allowed", "Method not allowed.");
    }

    /** Over the account's {@link RateLimits}: Replicate's answer, plus a {@code Retry-After}. */
    static ApiException throttled(long retryAfterSeconds) {
        ObjectNode body = Json.object();
        body.put("detail", "Request was throttled. Your rate limit resets in ~" + retryAfterSeconds + "s.");
        return new ApiException(429, body, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    /** An injected failure (fault setting or prompt trigger); a 429 carries {@code Retry-After}. */
    static ApiException injected(int status, int retryAfterSeconds, String reason) {
        if (status == 429) {
            String detail =
                    "Request was throttled. Expected available in " + retryAfterSeconds + " seconds. (" + reason + ")";
            return new ApiException(
                    429,
                    Json.problem(429, "Request was throttled", detail),
                    Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
        }
        return of(status, title(status), title(status) + " (" + reason + ")");
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 402 -> "Payment Required";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 422 -> "Unprocessable Entity";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "HTTP " + status;
        };
    }
}
