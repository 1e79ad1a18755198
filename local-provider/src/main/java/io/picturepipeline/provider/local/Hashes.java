package io.picturepipeline.provider.local;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Stable hashing (SHA-256) for deterministic images, seeds and version ids, plus random prediction ids. */
final class Hashes {

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private Hashes() {}

    static byte[] sha256(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    static long stableLong(String... parts) {
        return ByteBuffer.wrap(sha256(parts)).getLong();
    }

    static String hex(String... parts) {
        return HexFormat.of().formatHex(sha256(parts));
    }

    /** A Replicate-looking prediction id: 26 lowercase base32 characters. */
    static String newPredictionId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[26];
        for (int i = 0; i < id.length; i++) {
            id[i] = BASE32[random.nextInt(BASE32.length)];
        }
        return new String(id);
    }
}
