package io.picturepipeline.ingest.limit;

import io.picturepipeline.ingest.IngestSettings;
import io.picturepipeline.ingest.web.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Submissions per user over a sliding hour and a sliding day. The count is of {@code ingest.generation_request}
 * itself (what was accepted), so it survives restarts and is shared by every instance. {@link #admit} runs in the
 * submitting transaction after the owner's advisory lock is taken, so concurrent submissions of one user are counted
 * one after the other and cannot overshoot; a refused submission rolls back and consumes nothing.
 */
@Component
public class RateLimits {

    static final Duration HOUR = Duration.ofHours(1);
    static final Duration DAY = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final IngestSettings.Limits settings;

    RateLimits(JdbcClient jdbc, IngestSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings.limits();
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

    /** Where {@code owner} stands at {@code now}. */
    public Usage usage(String owner, Instant now) {
        int fetch = Math.max(settings.hourly(), settings.daily());
        List<Instant> newestFirst = jdbc.sql("""
                        select created_at from ingest.generation_request
                        where owner = :owner and created_at > :since
                        order by created_at desc
                        limit :limit
                        """)
                .param("owner", owner)
                .param("since", OffsetDateTime.ofInstant(now.minus(DAY), ZoneOffset.UTC))
                .param("limit", fetch)
                .query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .list();
        return new Usage(
                window(newestFirst, now, HOUR, settings.hourly()), window(newestFirst, now, DAY, settings.daily()));
    }

    /**
     * Refuses the submission with 429 when a window is full. Call inside the submitting transaction, holding the
     * owner's lock.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void admit(String owner, Instant now) {
        Usage usage = usage(owner, now);
        if (usage.canGenerate()) {
            return;
        }
        Window full = usage.hourly().full() ? usage.hourly() : usage.daily();
        String per = usage.hourly().full() ? "hour" : "day";
        throw new ProblemException(
                HttpStatus.TOO_MANY_REQUESTS,
                "At most " + full.limit() + " generations per " + per + "; the next one is possible at "
                        + full.resetsAt() + ".",
                List.of(),
                Map.of("limits", usage),
                usage.retryAfter(now));
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
