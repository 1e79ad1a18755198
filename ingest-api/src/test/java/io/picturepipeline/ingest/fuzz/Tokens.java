package io.picturepipeline.ingest.fuzz;

import io.picturepipeline.infra.DemoTokens;
import io.picturepipeline.ingest.auth.Jwts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Bearer tokens the fuzzer sends: good ones (local profile: HS256 with the documented secret), and the ones a server
 * must refuse with 401. Each hostile kind names what is wrong with it.
 */
enum Tokens {
    EXPIRED,
    WITHOUT_EXPIRY,
    WRONG_SECRET,
    UNSIGNED,
    WRONG_AUDIENCE,
    WRONG_ISSUER,
    NOT_YET_VALID,
    GARBAGE,
    EMPTY,
    BASIC;

    /** The Authorization header value this kind of token makes for {@code user}. */
    String header(String user) {
        long now = Instant.now().getEpochSecond();
        return switch (this) {
            case EXPIRED ->
                bearer(
                        DemoTokens.DEFAULT_SECRET,
                        claims(user, DemoTokens.AUDIENCE, DemoTokens.ISSUER, now - 3600, now - 60));
            case WITHOUT_EXPIRY ->
                bearer(
                        DemoTokens.DEFAULT_SECRET,
                        "{\"sub\":\"" + user + "\",\"iss\":\"" + DemoTokens.ISSUER + "\",\"aud\":\""
                                + DemoTokens.AUDIENCE + "\",\"iat\":" + now + "}");
            case WRONG_SECRET ->
                bearer(
                        "another-secret-of-at-least-thirty-two-bytes!",
                        claims(user, DemoTokens.AUDIENCE, DemoTokens.ISSUER, now, now + 600));
            case UNSIGNED ->
                "Bearer " + Jwts.unsigned(claims(user, DemoTokens.AUDIENCE, DemoTokens.ISSUER, now, now + 600));
            case WRONG_AUDIENCE ->
                bearer(DemoTokens.DEFAULT_SECRET, claims(user, "someone-else", DemoTokens.ISSUER, now, now + 600));
            case WRONG_ISSUER ->
                bearer(
                        DemoTokens.DEFAULT_SECRET,
                        claims(user, DemoTokens.AUDIENCE, "https://evil.example", now, now + 600));
            case NOT_YET_VALID ->
                bearer(
                        DemoTokens.DEFAULT_SECRET,
                        "{\"sub\":\"" + user + "\",\"iss\":\"" + DemoTokens.ISSUER + "\",\"aud\":\""
                                + DemoTokens.AUDIENCE + "\",\"iat\":" + now + ",\"nbf\":" + (now + 3600) + ",\"exp\":"
                                + (now + 7200) + "}");
            case GARBAGE -> "Bearer not.a.token";
            case EMPTY -> "Bearer ";
            case BASIC ->
                "Basic " + Base64.getEncoder().encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8));
        };
    }

    static String good(String user) {
        return "Bearer " + DemoTokens.mint(DemoTokens.DEFAULT_SECRET, user, java.time.Duration.ofMinutes(10));
    }

    private static String claims(String user, String audience, String issuer, long issuedAt, long expiresAt) {
        return "{\"sub\":\"" + user + "\",\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"iat\":" + issuedAt
                + ",\"exp\":" + expiresAt + "}";
    }

    private static String bearer(String secret, String claims) {
        return "Bearer " + Jwts.hs256(secret, claims);
    }
}
