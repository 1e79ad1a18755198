package io.picturepipeline.ingest.webhook;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Endpoint secrets the Standard Webhooks way: {@code whsec_} and the base64 of 32 random bytes; the signing key is the
 * decoded part after the prefix.
 */
final class Secrets {

    static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    static String generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    static byte[] key(String secret) {
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }
}
