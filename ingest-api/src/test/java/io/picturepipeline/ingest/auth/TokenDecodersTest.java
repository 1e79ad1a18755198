package io.picturepipeline.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.picturepipeline.infra.DemoTokens;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** Both token modes without Spring: the production JWKS mode against a local key set. */
class TokenDecodersTest {

    private static final String ISSUER = "https://login.example.com/";
    private static final String AUDIENCE = "picture-pipeline";
    private static final Duration MAX_LIFETIME = Duration.ofHours(24);

    private static RSAKey key;
    private static HttpServer jwks;

    @BeforeAll
    static void serveAKeySet() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
    }

    @AfterAll
    static void stop() {
        jwks.stop(0);
    }

    @Test
    void jwksModeAcceptsATokenSignedByTheKeySetForTheRightIssuerAndAudience() throws Exception {
        JwtDecoder decoder = jwksDecoder();

        assertThat(decoder.decode(rs256(ISSUER, AUDIENCE, Instant.now().plusSeconds(600)))
                        .getSubject())
                .isEqualTo("alice");
    }

    @Test
    void jwksModeRefusesAnotherAudienceAnotherIssuerAndExpiredTokens() throws Exception {
        JwtDecoder decoder = jwksDecoder();
        Instant later = Instant.now().plusSeconds(600);

        assertThatThrownBy(() -> decoder.decode(rs256(ISSUER, "another-api", later)))
                .isInstanceOf(JwtException.class)
                .hasMessageContaining("aud");
        assertThatThrownBy(() -> decoder.decode(rs256("https://evil.example/", AUDIENCE, later)))
                .isInstanceOf(JwtException.class)
                .hasMessageContaining("iss");
        assertThatThrownBy(() ->
                        decoder.decode(rs256(ISSUER, AUDIENCE, Instant.now().minusSeconds(600))))
                .isInstanceOf(JwtException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void jwksModeRefusesHmacTokensEvenWithTheLocalSecret() {
        JwtDecoder decoder = jwksDecoder();

        assertThatThrownBy(() ->
                        decoder.decode(DemoTokens.mint(DemoTokens.DEFAULT_SECRET, "alice", Duration.ofMinutes(5))))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void jwksModeWithoutAnIssuerDoesNotStart() {
        assertThatThrownBy(() -> TokenDecoders.jwks(jwksUri(), null, null, AUDIENCE, MAX_LIFETIME))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("issuer");
        assertThatThrownBy(() -> TokenDecoders.jwks(null, null, ISSUER, AUDIENCE, MAX_LIFETIME))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("jwk-set-uri");
    }

    @Test
    void hmacModeRefusesASecretTooShortForHs256() {
        assertThatThrownBy(() -> TokenDecoders.hmac("short", DemoTokens.ISSUER, AUDIENCE, MAX_LIFETIME))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hmac-secret");
    }

    @Test
    void hmacModeAcceptsTheLocalDemoTokens() {
        JwtDecoder decoder =
                TokenDecoders.hmac(DemoTokens.DEFAULT_SECRET, DemoTokens.ISSUER, DemoTokens.AUDIENCE, MAX_LIFETIME);

        assertThat(decoder.decode(DemoTokens.mint(DemoTokens.DEFAULT_SECRET, "bob", Duration.ofMinutes(5)))
                        .getSubject())
                .isEqualTo("bob");
    }

    @Test
    void aTokenWithoutExpIsRefusedNamingTheClaim() throws Exception {
        JwtDecoder decoder = jwksDecoder();

        assertThatThrownBy(() -> decoder.decode(rs256(ISSUER, AUDIENCE, Instant.now(), null)))
                .isInstanceOf(JwtException.class)
                .hasMessageContaining("exp claim is required");
    }

    @Test
    void aTokenLivingLongerThanTheMaximumIsRefusedFromIatAndFromNow() throws Exception {
        JwtDecoder decoder = jwksDecoder();
        Instant now = Instant.now();
        Instant inTwoDays = now.plus(Duration.ofDays(2));

        assertThatThrownBy(() -> decoder.decode(rs256(ISSUER, AUDIENCE, now, now.plus(Duration.ofHours(25)))))
                .isInstanceOf(JwtException.class)
                .hasMessageContaining("exceeds PT24H");
        assertThatThrownBy(() -> decoder.decode(rs256(ISSUER, AUDIENCE, null, inTwoDays)))
                .isInstanceOf(JwtException.class)
                .hasMessageContaining("exceeds PT24H");
        // an iat in the future does not make a token that is valid for two days short-lived
        assertThatThrownBy(() -> decoder.decode(rs256(ISSUER, AUDIENCE, inTwoDays.minusSeconds(60), inTwoDays)))
                .isInstanceOf(JwtException.class)
                .hasMessageContaining("exceeds PT24H");
        assertThat(decoder.decode(rs256(ISSUER, AUDIENCE, now, now.plus(Duration.ofHours(23))))
                        .getSubject())
                .isEqualTo("alice");
    }

    private static JwtDecoder jwksDecoder() {
        return TokenDecoders.jwks(jwksUri(), null, ISSUER, AUDIENCE, MAX_LIFETIME);
    }

    private static String jwksUri() {
        return "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks";
    }

    private static String rs256(String issuer, String audience, Instant expiresAt) throws Exception {
        return rs256(issuer, audience, expiresAt.minusSeconds(1200), expiresAt);
    }

    private static String rs256(String issuer, String audience, Instant issuedAt, Instant expiresAt) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .subject("alice")
                        .issuer(issuer)
                        .audience(audience)
                        .issueTime(issuedAt == null ? null : Date.from(issuedAt))
                        .expirationTime(expiresAt == null ? null : Date.from(expiresAt))
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
