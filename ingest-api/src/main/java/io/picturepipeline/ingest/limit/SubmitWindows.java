package io.picturepipeline.ingest.limit;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code ingest.submit_window}: per owner, the instants of the submissions accepted within the last day. {@link
 * #reserve} checks and records in one statement, so no lock is taken beyond the owner's row, and only until commit.
 */
@Repository
class SubmitWindows {

    private final JdbcClient jdbc;

    SubmitWindows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Appends {@code now} to the owner's log when fewer than {@code quota.hourly()} instants lie within the hour and
     * fewer than {@code quota.daily()} within the day before it, dropping instants older than a day; false, changing
     * nothing, when a window is full.
     */
    boolean reserve(String owner, Instant now, Quota quota) {
        return jdbc.sql("""
                        insert into ingest.submit_window as w (owner, accepted)
                        values (:owner, array[cast(:now as timestamptz)])
                        on conflict (owner) do update
                            set accepted = array(
                                    select t from unnest(w.accepted) t where t > :daySince order by t) || cast(:now as timestamptz)
                            where (select count(*) from unnest(w.accepted) t where t > :hourSince) < :hourly
                              and (select count(*) from unnest(w.accepted) t where t > :daySince) < :daily
                        """)
                        .param("owner", owner)
                        .param("now", utc(now))
                        .param("hourSince", utc(now.minus(RateLimits.HOUR)))
                        .param("daySince", utc(now.minus(RateLimits.DAY)))
                        .param("hourly", quota.hourly())
                        .param("daily", quota.daily())
                        .update()
                == 1;
    }

    /** The owner's accepted submissions after {@code since}, newest first. */
    List<Instant> newestFirst(String owner, Instant since) {
        return jdbc.sql("""
                        select array(select t from unnest(accepted) t where t > :since order by t desc)
                        from ingest.submit_window where owner = :owner
                        """)
                .param("owner", owner)
                .param("since", utc(since))
                .query((rs, row) -> Arrays.stream((Object[]) rs.getArray(1).getArray())
                        .map(SubmitWindows::instant)
                        .toList())
                .optional()
                .orElse(List.of());
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalStateException("unexpected element of accepted: " + value.getClass());
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
