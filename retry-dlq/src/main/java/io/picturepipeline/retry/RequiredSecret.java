package io.picturepipeline.retry;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;

/**
 * A secret a service needs outside the {@code local} profile (a JWT secret, a SCRAM password, an S3 key): missing,
 * a value from our documentation or examples, or too short, and the service refuses to start with a message that
 * names the setting and says how to make one. In the {@code local} profile every check passes: its documented
 * defaults are the point of it.
 */
public final class RequiredSecret {

    public static final String HOW_TO_MAKE_ONE = "make one with: openssl rand -base64 32";

    /** Values that have appeared in our docs, examples or local profiles: known to everyone. */
    private static final List<String> DOCUMENTED = List.of(
            "picture-pipeline-local-development-secret-change-me",
            "change-me-to-a-random-secret-of-at-least-32-characters",
            "postgres",
            "analyst",
            "local",
            "secret",
            "password");

    /** What marks a placeholder in our examples. */
    private static final List<String> PLACEHOLDERS = List.of("change-me", "changeme", "change_me");

    private RequiredSecret() {}

    /** Checks {@code value} of {@code setting} unless {@code environment} runs the {@code local} profile. */
    public static void check(Environment environment, String setting, @Nullable String value, int minBytes) {
        if (!environment.matchesProfiles("local")) {
            require(setting, value, minBytes);
        }
    }

    /** Checks {@code value} of {@code setting} in any profile; {@code setting} names the property and its variable. */
    public static void require(String setting, @Nullable String value, int minBytes) {
        if (value == null || value.isBlank()) {
            throw refused(setting, "is not set");
        }
        String lower = value.strip().toLowerCase(Locale.ROOT);
        if (DOCUMENTED.contains(lower) || PLACEHOLDERS.stream().anyMatch(lower::contains)) {
            throw refused(setting, "is a documented example value");
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < minBytes) {
            throw refused(setting, "is too short (" + bytes + " bytes; at least " + minBytes + ")");
        }
    }

    private static IllegalStateException refused(String setting, String why) {
        return new IllegalStateException(setting + " " + why + ". Outside the local profile every secret must be"
                + " your own: " + HOW_TO_MAKE_ONE + " (see docs/deployment.md)");
    }
}
