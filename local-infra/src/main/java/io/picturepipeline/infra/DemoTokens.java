package io.picturepipeline.infra;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints HS256 bearer tokens as the ingest-api's {@code local} profile accepts them ({@code sub} = user id). For the
 * run command, tests and the benchmark; production tokens come from a real issuer.
 */
public final class DemoTokens {

    /** The documented default secret of the local profile; override with {@code JWT_SECRET}. */
    public static final String DEFAULT_SECRET = "picture-pipeline-local-development-secret-change-me";

    public static final String ISSUER = "picture-pipeline-local";
    public static final String AUDIENCE = "picture-pipeline";

    /** The ingest-api's default {@code pipeline.ingest.auth.max-token-lifetime}: it refuses longer-lived tokens. */
    public static final Duration MAX_VALIDITY = Duration.ofHours(24);

    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(12);

    private DemoTokens() {}

    public static String mint(String secret, String subject, Duration validFor) {
        return mint(secret, subject, validFor, null);
    }

    /**
     * A token whose {@code plan} claim names the user's plan ({@code null}: no claim, the default plan), as an identity
     * provider would state it; a row in {@code ingest.user_plan} still wins over the claim.
     */
    public static String mint(String secret, String subject, Duration validFor, String plan) {
        Instant now = Instant.now();
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String claims = "{\"sub\":\"" + json(subject) + "\",\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE
                + "\",\"iat\":" + now.getEpochSecond() + ",\"exp\":"
                + now.plus(validFor).getEpochSecond()
                + (plan == null ? "" : ",\"plan\":\"" + json(plan) + "\"") + "}";
        String signingInput =
                base64(header.getBytes(StandardCharsets.UTF_8)) + "." + base64(claims.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + base64(hmac(secret, signingInput));
    }

    /**
     * {@code DemoTokens <user> [validity, ISO-8601, default PT12H, at most PT24H]}: prints a token for the local
     * profile.
     */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println(
                    "usage: token <user-name> [validity as ISO-8601 duration, default PT12H, at most PT24H]");
            System.exit(2);
        }
        String secret = System.getenv().getOrDefault("JWT_SECRET", DEFAULT_SECRET);
        Duration validity;
        try {
            validity = validity(args.length == 2 ? args[1] : null);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(mint(secret, args[0], validity));
    }

    /** The validity asked for ({@code null}: the default), refused when the ingest-api would refuse the token. */
    static Duration validity(String text) {
        if (text == null) {
            return DEFAULT_VALIDITY;
        }
        Duration validity;
        try {
            validity = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("validity: " + text + " is not an ISO-8601 duration such as PT12H");
        }
        if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("validity: must be more than zero and at most " + MAX_VALIDITY
                    + " (the API refuses longer-lived tokens)");
        }
        return validity;
    }

    private static byte[] hmac(String secret, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
