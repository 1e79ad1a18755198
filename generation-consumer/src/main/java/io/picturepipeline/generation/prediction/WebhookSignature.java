package io.picturepipeline.generation.prediction;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Standard Webhooks verification, as Replicate signs: {@code webhook-signature} holds space-separated
 * {@code v1,<base64 HMAC-SHA256>} over {@code <webhook-id>.<webhook-timestamp>.<body>}, keyed with the base64 part of
 * the {@code whsec_…} secret. A timestamp more than {@link #TOLERANCE} away from now is refused (a replay).
 */
final class WebhookSignature {

    static final Duration TOLERANCE = Duration.ofMinutes(5);

    /** Why a delivery is refused, naming the header at fault; {@code null} when it is authentic. */
    record Refusal(String header, String reason) {}

    private final byte[] key;

    WebhookSignature(String secret) {
        this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }

    @Nullable
    Refusal check(
            @Nullable String id, @Nullable String timestamp, @Nullable String signatures, byte[] body, Instant now) {
        if (id == null || id.isBlank()) {
            return new Refusal("webhook-id", "missing");
        }
        if (signatures == null || signatures.isBlank()) {
            return new Refusal("webhook-signature", "missing");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp == null ? "" : timestamp.trim());
        } catch (NumberFormatException e) {
            return new Refusal("webhook-timestamp", "missing or not a number of seconds");
        }
        if (Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(TOLERANCE) > 0) {
            return new Refusal("webhook-timestamp", "more than " + TOLERANCE.toMinutes() + " minutes from now");
        }
        byte[] expected = sign(id + "." + seconds + ".", body);
        for (String candidate : signatures.trim().split("\\s+")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !candidate.substring(0, comma).equals("v1")) {
                continue;
            }
            try {
                if (MessageDigest.isEqual(expected, Base64.getDecoder().decode(candidate.substring(comma + 1)))) {
                    return null;
                }
            } catch (IllegalArgumentException notBase64) {
                // another candidate may match
            }
        }
        return new Refusal("webhook-signature", "does not match");
    }

    private byte[] sign(String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
