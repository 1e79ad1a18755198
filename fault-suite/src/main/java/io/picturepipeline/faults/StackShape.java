package io.picturepipeline.faults;

import io.picturepipeline.launcher.StackOptions;
import java.util.Locale;

/**
 * The shape of every stack the suite starts, chosen with {@code -Dfaults.stack}: {@code plain} ({@code ./pp up}'s, the
 * default and what {@code ./mvnw verify} runs) or {@code secure} ({@code ./pp up --secure}'s: three SCRAM brokers
 * with ACLs, a PostgreSQL role and an image store key pair per service, images in S3Proxy).
 */
enum StackShape {
    PLAIN,
    SECURE;

    static StackShape chosen() {
        String name = System.getProperty("faults.stack", "plain");
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-Dfaults.stack=plain or secure, not " + name, e);
        }
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    StackOptions options() {
        return this == SECURE ? StackOptions.secureDefaults() : StackOptions.defaults();
    }
}
