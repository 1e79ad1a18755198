package io.picturepipeline.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * The two ways the API verifies bearer tokens. Both accept only signed tokens of the configured algorithms (so never
 * {@code alg: none}), and check expiry (required, and at most {@code maxLifetime} away), issuer, audience and that a
 * subject (the owner id) is present.
 */
final class TokenDecoders {

    /** HS256 needs a key of at least 256 bits. */
    static final int MIN_SECRET_BYTES = 32;

    private TokenDecoders() {}

    /** The local profile: HS256 tokens signed with a shared secret (see {@code DemoTokens}). */
    static JwtDecoder hmac(@Nullable String secret, @Nullable String issuer, String audience, Duration maxLifetime) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalStateException(
                    "pipeline.ingest.auth.mode=hmac needs pipeline.ingest.auth.hmac-secret of at least "
                            + MIN_SECRET_BYTES + " bytes");
        }
        String requiredIssuer = require(issuer, "pipeline.ingest.auth.mode=hmac needs pipeline.ingest.auth.issuer");
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(
                        new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(validator(requiredIssuer, audience, maxLifetime));
        return decoder;
    }

    /**
     * Production: asymmetric tokens whose keys come from {@code jwkSetUri}, or else from the discovery document of
     * {@code issuerUri} (fetched on first use, so the API starts while the identity provider is away). The expected
     * issuer is {@code issuer} when set, else {@code issuerUri}.
     */
    static JwtDecoder jwks(
            @Nullable String jwkSetUri,
            @Nullable String issuerUri,
            @Nullable String issuer,
            String audience,
            Duration maxLifetime) {
        String expectedIssuer = require(
                isBlank(issuer) ? issuerUri : issuer,
                "pipeline.ingest.auth.mode=jwks needs spring.security.oauth2.resourceserver.jwt.issuer-uri"
                        + " or pipeline.ingest.auth.issuer");
        OAuth2TokenValidator<org.springframework.security.oauth2.jwt.Jwt> validator =
                validator(expectedIssuer, audience, maxLifetime);
        if (!isBlank(jwkSetUri)) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
                    .jwsAlgorithms(algorithms -> algorithms.addAll(List.of(
                            SignatureAlgorithm.RS256,
                            SignatureAlgorithm.RS384,
                            SignatureAlgorithm.RS512,
                            SignatureAlgorithm.PS256,
                            SignatureAlgorithm.ES256,
                            SignatureAlgorithm.ES384)))
                    .build();
            decoder.setJwtValidator(validator);
            return decoder;
        }
        String discovery = require(
                issuerUri,
                "pipeline.ingest.auth.mode=jwks needs spring.security.oauth2.resourceserver.jwt.jwk-set-uri or"
                        + " issuer-uri");
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder =
                    NimbusJwtDecoder.withIssuerLocation(discovery).build();
            decoder.setJwtValidator(validator);
            return decoder;
        });
    }

    static OAuth2TokenValidator<org.springframework.security.oauth2.jwt.Jwt> validator(
            String issuer, String audience, Duration maxLifetime) {
        JwtTypeValidator type = new JwtTypeValidator("JWT", "at+jwt");
        type.setAllowEmpty(true);
        return JwtValidators.createDefaultWithValidators(
                type,
                new JwtIssuerValidator(issuer),
                new JwtAudienceValidator(audience),
                new TokenLifetime(maxLifetime, Clock.systemUTC()),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, subject -> subject != null && !subject.isBlank()));
    }

    private static String require(@Nullable String value, String message) {
        if (isBlank(value)) {
            throw new IllegalStateException(message);
        }
        return value;
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
