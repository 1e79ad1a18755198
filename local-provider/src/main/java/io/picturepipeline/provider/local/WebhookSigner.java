package io.picturepipeline.provider.local;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Standard Webhooks signatures as Replicate sends them: {@code webhook-signature: v1,<base64 HMAC-SHA256>}. */
final class WebhookSigner {

    private final byte[] key;

    WebhookSigner(String secret) {
        try {
            this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webhookSecret must be whsec_ followed by base64", e);
        }
    }

    /** Signs {@code "<id>.<timestamp>.<body>"}. */
    String sign(String webhookId, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
