package io.picturepipeline.provider.local;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Replicate auth: {@code Authorization: Bearer <token>} (legacy {@code Token <token>} too). */
final class Authenticator {

    /** The only accepted token, or {@code null} to accept any non-empty token. */
    private final String apiToken;

    private final Counters counters;

    Authenticator(String apiToken, Counters counters) {
        this.apiToken = apiToken == null || apiToken.isBlank() ? null : apiToken;
        this.counters = counters;
    }

    /** The caller's token (its account), or a 401. */
    String check(HttpExchange exchange) {
        String token = token(exchange.getRequestHeaders().getFirst("Authorization"));
        if (token == null) {
            counters.unauthorized.increment();
            throw ApiException.unauthenticated("You did not pass an authentication token");
        }
        if (apiToken != null
                && !MessageDigest.isEqual(
                        apiToken.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            counters.unauthorized.increment();
            throw ApiException.unauthenticated("You did not pass a valid authentication token");
        }
        return token;
    }

    private static String token(String header) {
        if (header == null) {
            return null;
        }
        String trimmed = header.trim();
        for (String scheme : new String[] {"Bearer ", "Token "}) {
            if (trimmed.regionMatches(true, 0, scheme, 0, scheme.length())) {
                String token = trimmed.substring(scheme.length()).trim();
                return token.isEmpty() ? null : token;
            }
        }
        return null;
    }
}
