package io.picturepipeline.ingest.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;

/**
 * A token must say when it ends ({@code exp}), and may not live longer than {@code maxLifetime}: counted from
 * {@code iat}, and from now, whichever is longer (an {@code iat} in the future would otherwise shorten it). A stolen
 * token is then useful for a bounded time, whoever minted it.
 */
final class TokenLifetime implements OAuth2TokenValidator<Jwt> {

    /** What the issuer's and our clocks may disagree by. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final Duration maxLifetime;
    private final Clock clock;

    TokenLifetime(Duration maxLifetime, Clock clock) {
        this.maxLifetime = maxLifetime;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Instant expiresAt = token.getExpiresAt();
        if (expiresAt == null) {
            return refuse("the " + JwtClaimNames.EXP + " claim is required");
        }
        Instant now = clock.instant();
        Instant issuedAt = token.getIssuedAt();
        Instant from = issuedAt == null || issuedAt.isAfter(now) ? now : issuedAt;
        Duration lifetime = Duration.between(from, expiresAt);
        if (lifetime.compareTo(maxLifetime.plus(CLOCK_SKEW)) > 0) {
            return refuse("the lifetime from " + (issuedAt == null ? "now" : JwtClaimNames.IAT) + " to "
                    + JwtClaimNames.EXP + " exceeds " + maxLifetime);
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult refuse(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
