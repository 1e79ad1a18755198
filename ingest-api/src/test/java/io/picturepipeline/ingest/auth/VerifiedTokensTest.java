package io.picturepipeline.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** The remembered tokens in front of the real HS256 decoder of the local profile. */
class VerifiedTokensTest {

    private static final String SECRET = "a-test-secret-of-at-least-32-bytes!!";
    private static final String ISSUER = "picture-pipeline-local";
    private static final String AUDIENCE = "picture-pipeline";

    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder real = TokenDecoders.hmac(SECRET, ISSUER, AUDIENCE, Duration.ofHours(24));
    private final JwtDecoder counted = token -> {
        verifications.incrementAndGet();
        return real.decode(token);
    };

    private final Instant now = Instant.now();
    private final long expires = now.getEpochSecond() + 300;
    private final String token = Jwts.hs256(SECRET, Jwts.claims("alice", ISSUER, AUDIENCE, expires));

    @Test
    void aVerifiedTokenIsAnsweredFromMemoryOnItsNextUse() {
        VerifiedTokens tokens = new VerifiedTokens(counted, Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC));

        Jwt first = tokens.decode(token);
        Jwt second = tokens.decode(token);

        assertThat(second).isSameAs(first);
        assertThat(second.getSubject()).isEqualTo("alice");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aRememberedTokenIsVerifiedAgainOnceItHasExpired() {
        MovableClock clock = new MovableClock(now);
        VerifiedTokens tokens = new VerifiedTokens(counted, Duration.ofHours(1), clock);
        tokens.decode(token);

        clock.at = Instant.ofEpochSecond(expires);
        tokens.decode(token); // the delegate's own clock still accepts it; what counts is that it was asked again

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenThatFailsIsNeverRemembered() {
        VerifiedTokens tokens = new VerifiedTokens(counted, Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC));
        String forged =
                Jwts.hs256("another-secret-of-at-least-32-bytes!", Jwts.claims("bob", ISSUER, AUDIENCE, expires));

        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> tokens.decode(Jwts.unsigned(Jwts.claims("bob", ISSUER, AUDIENCE, expires))))
                .isInstanceOf(JwtException.class);

        assertThat(verifications).hasValue(3);
    }

    @Test
    void rememberingForZeroVerifiesEveryRequest() {
        VerifiedTokens tokens = new VerifiedTokens(counted, Duration.ZERO, Clock.fixed(now, ZoneOffset.UTC));

        tokens.decode(token);
        tokens.decode(token);

        assertThat(verifications).hasValue(2);
    }

    private static final class MovableClock extends Clock {
        private Instant at;

        MovableClock(Instant at) {
            this.at = at;
        }

        @Override
        public Instant instant() {
            return at;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
