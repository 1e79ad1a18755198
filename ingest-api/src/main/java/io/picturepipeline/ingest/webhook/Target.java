package io.picturepipeline.ingest.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An endpoint as a delivery needs it: where, whether, and the secrets that sign (a rotated one until it expires). */
record Target(
        UUID id,
        String url,
        boolean enabled,
        String secret,
        @Nullable String previousSecret,
        @Nullable Instant previousSecretExpiresAt) {

    URI uri() {
        return URI.create(url);
    }

    List<String> signingSecrets(Instant now) {
        return previousSecret != null && previousSecretExpiresAt != null && previousSecretExpiresAt.isAfter(now)
                ? List.of(secret, previousSecret)
                : List.of(secret);
    }
}
