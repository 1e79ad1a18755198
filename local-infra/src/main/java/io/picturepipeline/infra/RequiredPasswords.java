package io.picturepipeline.infra;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Passwords of the secure local stack: random, 32 hex digits (safe inside JAAS strings, properties files and
 * connection URIs).
 */
public final class RequiredPasswords {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RequiredPasswords() {}

    public static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static void check(String user, String password) {
        if (password == null || !password.matches("[A-Za-z0-9-]{16,}")) {
            throw new IllegalArgumentException("the password of " + user
                    + " must be at least 16 letters, digits or '-' (RequiredPasswords.random())");
        }
    }
}
