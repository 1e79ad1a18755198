package io.picturepipeline.ingest.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the tokens it has verified, so a client's next request with the same bearer token is not parsed,
 * signature-checked and validated again (a profile at 50 submissions/s found the JOSE library's constant-time Base64
 * decoding among the ingest-api's hottest frames). Only tokens that passed {@code delegate} are remembered, each
 * until its own expiry and at most {@code remember}: a remembered token is answered exactly as the delegate answered
 * it while it was valid, and never after its {@code exp} (checked on every use, without the delegate's clock-skew
 * allowance). A token that fails is never remembered, so hostile input costs what it cost before and takes no memory;
 * remembered tokens are bounded by their total length ({@link #MAX_CHARS}), so a client cannot grow the heap by
 * minting many valid ones either.
 */
final class VerifiedTokens implements JwtDecoder {

    /** About 8 MB of heap for the tokens' characters (twice over: the key and the {@code Jwt}'s token value). */
    static final long MAX_CHARS = 2_000_000;

    private final JwtDecoder delegate;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(JwtDecoder delegate, Duration remember, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumWeight(MAX_CHARS)
                .weigher((String token, Jwt jwt) -> token.length())
                .expireAfterWrite(remember)
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Jwt known = verified.getIfPresent(token);
        if (known != null
                && known.getExpiresAt() != null
                && known.getExpiresAt().isAfter(now)) {
            return known;
        }
        Jwt jwt = delegate.decode(token);
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(now)) {
            verified.put(token, jwt);
        }
        return jwt;
    }
}
