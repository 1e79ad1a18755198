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
     * Appends {@code count} times {@code now} to the owner's log when that leaves at most {@code quota.hourly()}
     * instants within the hour and {@code quota.daily()} within the day before it, dropping instants older than a
     * day; false, changing nothing, when they do not fit.
     */
    boolean reserve(String owner, Instant now, Quota quota, int count) {
        return jdbc.sql("""
                        insert into ingest.submit_window as w (owner, accepted)
                        select :owner, array_fill(cast(:now as timestamptz), array[:count])
                        where :count <= :hourly and :count <= :daily
                        on conflict (owner) do update
                            set accepted = array(
                                    select t from unnest(w.accepted) t where t > :daySince order by t)
                                || array_fill(cast(:now as timestamptz), array[:count])
                            where (select count(*) from unnest(w.accepted) t where t > :hourSince) + :count <= :hourly
                              and (select count(*) from unnest(w.accepted) t where t > :daySince) + :count <= :daily
                        """)
                        .param("owner", owner)
                        .param("count", count)
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
