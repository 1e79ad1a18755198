package io.picturepipeline.ingest.demo.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.picturepipeline.ingest.IngestSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo user's bearer token, for the web page on a developer's machine: exists only in the {@code local} profile
 * (HS256 with the profile's documented secret, the same token {@code ./pp up} writes to {@code .local/env}). Any
 * other profile has no such endpoint (404).
 */
@RestController
@Profile("local")
class DemoTokenController {

    static final String PATH = "/api/v1/demo-token";
    static final String DEMO_USER = "demo";
    static final Duration VALIDITY = Duration.ofHours(12);

    private final IngestSettings.Auth auth;
    private final Clock clock;

    DemoTokenController(IngestSettings settings, Clock clock) {
        this.auth = settings.auth();
        this.clock = clock;
    }

    record DemoToken(String user, String token, Instant expiresAt) {}

    @GetMapping(PATH)
    DemoToken demoToken() throws JOSEException {
        if (auth.mode() != IngestSettings.Auth.Mode.HMAC || auth.hmacSecret() == null) {
            throw new IllegalStateException("the demo token needs pipeline.ingest.auth.mode=hmac");
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plus(VALIDITY);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(DEMO_USER)
                .issuer(auth.issuer())
                .audience(auth.audience())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new MACSigner(auth.hmacSecret().getBytes(StandardCharsets.UTF_8)));
        return new DemoToken(DEMO_USER, jwt.serialize(), expiresAt);
    }
}
