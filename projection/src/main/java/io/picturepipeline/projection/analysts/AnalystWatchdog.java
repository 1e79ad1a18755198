package io.picturepipeline.projection.analysts;

import io.picturepipeline.projection.ProjectionSettings;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Analysts cannot starve the pipeline: the {@code analyst} role's {@code statement_timeout} is only a default it may
 * lift with one {@code SET}, so this watchdog cancels ({@code pg_cancel_backend}) every analyst statement that has run
 * longer than {@code pipeline.projection.analysts.query-limit}, a limit no analyst session can change, and puts a
 * {@code CONNECTION LIMIT} on the role. The projection's role may do both: it holds {@code analyst} with ADMIN
 * OPTION (and so sees and may signal its backends) and CREATEROLE, as {@code DatabaseAccess} grants it (or it is
 * the superuser, in the plain local profile).
 */
public final class AnalystWatchdog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AnalystWatchdog.class);
    private static final String ROLE = "analyst";

    private final JdbcClient jdbc;
    private final ProjectionSettings.Analysts settings;
    private ScheduledExecutorService timer;

    public AnalystWatchdog(JdbcClient jdbc, ProjectionSettings.Analysts settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** Sets the role's connection limit; returns whether it could (the role may not exist yet). */
    public boolean limitConnections() {
        try {
            jdbc.sql("alter role " + ROLE + " connection limit " + settings.connectionLimit())
                    .update();
            return true;
        } catch (DataAccessException e) {
            log.warn("cannot set the connection limit of role {}: {}", ROLE, e.getMessage());
            return false;
        }
    }

    /** Cancels every analyst statement running longer than the limit; returns the backends cancelled. */
    public List<Integer> cancelOverrunningQueries() {
        // materialized first: in one WHERE clause PostgreSQL may call pg_cancel_backend before the age test
        return jdbc.sql("""
                        with overrunning as materialized (
                            select pid from pg_stat_activity
                            where usename = ? and state = 'active' and backend_type = 'client backend'
                              and query_start < clock_timestamp() - make_interval(secs => ?))
                        select pid from overrunning where pg_cancel_backend(pid)
                        """)
                .param(ROLE)
                .param(settings.queryLimit().toMillis() / 1000.0)
                .query(Integer.class)
                .list();
    }

    private void check() {
        try {
            List<Integer> cancelled = cancelOverrunningQueries();
            if (!cancelled.isEmpty()) {
                log.warn(
                        "cancelled {} analyst quer{} running longer than {} (backends {})",
                        cancelled.size(),
                        cancelled.size() == 1 ? "y" : "ies",
                        settings.queryLimit(),
                        cancelled);
            }
        } catch (DataAccessException e) {
            log.debug("cannot look for overrunning analyst queries", e);
        }
    }

    @Override
    public synchronized void start() {
        limitConnections();
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "analyst-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.checkInterval().toMillis();
        timer.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
