package io.picturepipeline.provider.local;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replicate's sync mode: {@code Prefer: wait} (60 s) or {@code Prefer: wait=N} (1..60 s). */
final class PreferWait {

    private static final Pattern WAIT = Pattern.compile("(?i)(?:^|[,;\\s])wait(?:=(\\d{1,2}))?(?:$|[,;\\s])");
    private static final int MAX_SECONDS = 60;

    private PreferWait() {}

    /** The maximum time to hold the create answer, or {@code null} when the client did not ask to wait. */
    static Duration parse(String prefer) {
        if (prefer == null) {
            return null;
        }
        Matcher matcher = WAIT.matcher(prefer);
        if (!matcher.find()) {
            return null;
        }
        int seconds = matcher.group(1) == null ? MAX_SECONDS : Integer.parseInt(matcher.group(1));
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw ApiException.invalid("Prefer: wait=N needs 1 <= N <= " + MAX_SECONDS);
        }
        return Duration.ofSeconds(seconds);
    }
}
