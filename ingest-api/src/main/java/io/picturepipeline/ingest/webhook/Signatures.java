package io.picturepipeline.ingest.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code webhook-signature} header of the Standard Webhooks spec: {@code v1,} and the base64 HMAC-SHA256 of
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, one per secret, separated by spaces (two while a rotated secret is
 * still honoured; a receiver accepts any that matches).
 */
final class Signatures {

    private Signatures() {}

    static String header(String webhookId, long timestamp, byte[] body, List<String> secrets) {
        return secrets.stream()
                .map(secret -> "v1," + sign(webhookId, timestamp, body, Secrets.key(secret)))
                .collect(Collectors.joining(" "));
    }

    private static String sign(String webhookId, long timestamp, byte[] body, byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((webhookId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
