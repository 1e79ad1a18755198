package io.picturepipeline.ingest.limit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Submissions per user over a sliding hour and a sliding day, kept per owner in {@code ingest.submit_window} (the
 * instants of their accepted submissions), so the limits survive restarts and are shared by every instance. {@link
 * #admit} checks both windows and records the submission with one statement in the submitting transaction: one
 * owner's concurrent submissions are ordered by that row's lock and cannot overshoot; a refused or rolled-back
 * submission consumes nothing. Each owner's limits come with their {@link Plan}, passed in, not stored.
 */
@Component
public class RateLimits {

    static final Duration HOUR = Duration.ofHours(1);
    static final Duration DAY = Duration.ofDays(1);

    private final SubmitWindows windows;

    RateLimits(SubmitWindows windows) {
        this.windows = windows;
    }

    /** One window: its limit, the submissions in it, and when the next slot frees (null when nothing is counted). */
    public record Window(int limit, int used, @Nullable Instant resetsAt) {

        boolean full() {
            return used >= limit;
        }
    }

    public record Usage(Window hourly, Window daily) {

        public boolean canGenerate() {
            return !hourly.full() && !daily.full();
        }

        /** How long until a submission would be accepted; zero when it would be now. */
        Duration retryAfter(Instant now) {
            Duration wait = Duration.ZERO;
            for (Window window : List.of(hourly, daily)) {
                if (window.full() && window.resetsAt() != null) {
                    Duration until = Duration.between(now, window.resetsAt());
                    wait = until.compareTo(wait) > 0 ? until : wait;
                }
            }
            return wait;
        }
    }

    /** Where {@code owner} stands at {@code now} against the limits of their {@code plan}. */
    public Usage usage(String owner, Plan plan, Instant now) {
        Quota quota = plan.quota();
        List<Instant> newestFirst = windows.newestFirst(owner, now.minus(DAY));
        return new Usage(window(newestFirst, now, HOUR, quota.hourly()), window(newestFirst, now, DAY, quota.daily()));
    }

    /**
     * Counts the submission against the owner's windows, or refuses it with 429 when one is full. Call inside the
     * submitting transaction: the count is undone when it rolls back.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void admit(String owner, Plan plan, Instant now) {
        if (windows.reserve(owner, now, plan.quota(), 1)) {
            return;
        }
        Usage usage = usage(owner, plan, now);
        Window full = usage.hourly().full() ? usage.hourly() : usage.daily();
        String per = usage.hourly().full() ? "hour" : "day";
        throw new RateLimitExceeded(
                "At most " + full.limit() + " generations per " + per + "; the next one is possible at "
                        + full.resetsAt() + ".",
                usage,
                null,
                usage.retryAfter(now));
    }

    /**
     * Counts {@code count} submissions at once, or none: a 429 saying how many would fit now ({@code fits}) when not
     * all of them do. Call inside the submitting transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void admitAll(String owner, Plan plan, Instant now, int count) {
        Quota quota = plan.quota();
        if (windows.reserve(owner, now, quota, count)) {
            return;
        }
        List<Instant> newestFirst = windows.newestFirst(owner, now.minus(DAY));
        Usage usage =
                new Usage(window(newestFirst, now, HOUR, quota.hourly()), window(newestFirst, now, DAY, quota.daily()));
        int fits = Math.max(
                0,
                Math.min(
                        usage.hourly().limit() - usage.hourly().used(),
                        usage.daily().limit() - usage.daily().used()));
        Duration wait = max(
                untilFree(newestFirst, now, HOUR, quota.hourly(), count),
                untilFree(newestFirst, now, DAY, quota.daily(), count));
        throw new RateLimitExceeded(
                count + " generations exceed the remaining allowance; " + fits + " would fit now (at most "
                        + quota.hourly() + " per hour and " + quota.daily() + " per day).",
                usage,
                fits,
                max(wait, Duration.ofSeconds(1)));
    }

    /**
     * How long until {@code count} more fit in the window: until as many of its instants as must make room have left
     * it (all of them, when {@code count} exceeds the limit itself).
     */
    private static Duration untilFree(List<Instant> newestFirst, Instant now, Duration length, int limit, int count) {
        List<Instant> inWindow =
                newestFirst.stream().filter(at -> at.isAfter(now.minus(length))).toList();
        int mustLeave = Math.min(inWindow.size(), inWindow.size() + count - limit);
        if (mustLeave <= 0) {
            return Duration.ZERO;
        }
        Instant leaving = inWindow.get(inWindow.size() - mustLeave);
        return Duration.between(now, leaving.plus(length));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Window window(List<Instant> newestFirst, Instant now, Duration length, int limit) {
        Instant start = now.minus(length);
        List<Instant> inWindow = new ArrayList<>();
        for (Instant at : newestFirst) {
            if (at.isAfter(start)) {
                inWindow.add(at);
            }
        }
        int used = inWindow.size();
        if (used == 0) {
            return new Window(limit, 0, null);
        }
        // when full, a slot frees as the limit-th newest leaves the window; otherwise as the oldest one does
        Instant leaving = inWindow.get(Math.min(used, limit) - 1);
        return new Window(limit, used, leaving.plus(length));
    }
}
