package io.picturepipeline.ingest.derive;

import io.picturepipeline.ingest.IngestSettings;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Short-lived links to a stored image that work without a token, for the provider to fetch a variation's or an
 * upscale's source: {@code /api/v1/source-images/{generationId}/{index}?expires=…&signature=…}, the signature an
 * HMAC-SHA256 over id, index and expiry. Whoever holds a link may fetch that one image until it expires; nothing else.
 */
@Component
public class SourceImageLinks {

    public static final String PATH = "/api/v1/source-images/";
    private static final Logger log = LoggerFactory.getLogger(SourceImageLinks.class);

    private final SecretKeySpec key;
    private final Duration ttl;
    private final String configuredBaseUrl;
    private final Environment environment;
    private final Clock clock;

    SourceImageLinks(IngestSettings settings, Environment environment, Clock clock) {
        IngestSettings.SourceImages links = settings.sourceImages();
        byte[] secret;
        if (links.secret() == null || links.secret().isBlank()) {
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            log.info("pipeline.ingest.source-images.secret is not set: source-image links are signed with a key of"
                    + " this process (set one when more than one instance serves them)");
        } else {
            secret = links.secret().getBytes(StandardCharsets.UTF_8);
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.ttl = links.ttl();
        this.configuredBaseUrl = links.baseUrl();
        this.environment = environment;
        this.clock = clock;
    }

    /** An absolute link to output {@code index} of {@code generationId}, valid for the configured lifetime. */
    public String sign(UUID generationId, int index) {
        long expires = clock.instant().plus(ttl).getEpochSecond();
        return baseUrl() + PATH + generationId + "/" + index + "?expires=" + expires + "&signature="
                + signature(generationId, index, expires);
    }

    /** Whether the link's signature is ours and it has not expired. */
    public boolean valid(UUID generationId, int index, long expires, String signature) {
        if (Instant.ofEpochSecond(expires).isBefore(clock.instant())) {
            return false;
        }
        return MessageDigest.isEqual(
                signature(generationId, index, expires).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(UUID generationId, int index, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest =
                    mac.doFinal((generationId + "/" + index + "/" + expires).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The configured base URL, else this instance on loopback at the port it listens on. */
    private String baseUrl() {
        if (configuredBaseUrl != null && !configuredBaseUrl.isBlank()) {
            return configuredBaseUrl.replaceAll("/+$", "");
        }
        return "http://127.0.0.1:"
                + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    }
}
