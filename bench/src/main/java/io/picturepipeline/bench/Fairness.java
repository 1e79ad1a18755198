package io.picturepipeline.bench;

import io.picturepipeline.bench.stack.BenchStack;
import io.picturepipeline.infra.DemoTokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Issue 17's fairness phase: the generate stage at {@link #MAX_IN_FLIGHT} predictions of {@link #LATENCY} each,
 * offered 1.5 times its capacity: 10% from {@code vip} users, half from one heavy {@code free} user, the rest from
 * many other {@code free} users. Then the same other users (and vip) alone, without the heavy user. Queue waits are
 * the admission queue's own record ({@code claimed_at - ready_at} in {@code generation.admission}), per plan and for
 * the heavy user against everyone else.
 *
 * <p>The capacity is measured first, not taken as the nominal {@code MAX_IN_FLIGHT / LATENCY}: each slot is also busy
 * with the create call and the result's delivery, so the stage completes fewer than nominal, and a load set from the
 * nominal figure would overload it with the other users alone (2026-12-03: 7.0/s completed against 10/s nominal).
 */
final class Fairness {

    static final int MAX_IN_FLIGHT = 20;
    static final Duration LATENCY = Duration.ofSeconds(2);
    /** Nominal: every slot busy for exactly the provider's latency. */
    static final double CAPACITY = MAX_IN_FLIGHT / (LATENCY.toMillis() / 1000.0);

    static final String HEAVY = "bench-heavy";

    /** What the stage and the ingest-api are started with for this phase. */
    static final Map<String, List<String>> SERVICE_ARGS = Map.of(
            "generation-consumer",
            List.of("--pipeline.generation.max-in-flight=" + MAX_IN_FLIGHT),
            "ingest-api",
            List.of(
                    "--pipeline.ingest.plans.named.vip.hourly=1000000",
                    "--pipeline.ingest.plans.named.vip.daily=1000000"));

    private static final int VIP_USERS = 10;
    private static final int OTHER_USERS = 500;

    private final BenchStack stack;
    private final Function<List<String>, Runner> runners;
    private final Consumer<String> log;

    /** {@code runners}: a runner submitting with the given bearer tokens, round-robin. */
    Fairness(BenchStack stack, Function<List<String>, Runner> runners, Consumer<String> log) {
        this.stack = stack;
        this.runners = runners;
        this.log = log;
    }

    /** Half the stage's capacity for 30 s, with the phase's provider latency: warm, and drained before the runs. */
    static Workload warmUp() {
        return new Workload(
                "pipeline", "warm-up", LATENCY, CAPACITY / 2, Duration.ofSeconds(30), Duration.ofSeconds(30), false);
    }

    /**
     * Offered more than it can possibly do (1.25 times nominal), the stage completes what it can: its capacity on this
     * machine.
     */
    static Workload calibration(Duration duration) {
        return new Workload(
                "pipeline", "fairness, capacity", LATENCY, 1.25 * CAPACITY, duration, duration.multipliedBy(2), false);
    }

    /** Measures the stage's capacity, then runs both loads for {@code duration} each; returns the report's lines. */
    List<String> run(Duration duration) throws SQLException {
        try (Connection db = stack.postgres().connect(BenchStack.PIPELINE_DB)) {
            for (int i = 0; i < VIP_USERS; i++) {
                try (PreparedStatement vip = db.prepareStatement(
                        "insert into ingest.user_plan (owner, plan) values (?, 'vip') on conflict do nothing")) {
                    vip.setString(1, vipUser(i));
                    vip.executeUpdate();
                }
            }
            double capacity =
                    runners.apply(tokens(false)).pipeline(calibration(duration)).throughputPerSecond();
            List<String> lines = new ArrayList<>();
            lines.add(String.format(
                    Locale.ROOT,
                    "Fairness (issue 17): max-in-flight %d, provider latency %d s: capacity %.0f/s nominal, %.2f/s"
                            + " measured (completions while offered %.1f/s for %d s); offered %.2f/s for %d s (10%% vip,"
                            + " 50%% one free user, 40%% %d other free users), then the same without the heavy user"
                            + " (%.2f/s). Queue wait = claimed_at - ready_at of generation.admission.",
                    MAX_IN_FLIGHT,
                    LATENCY.toSeconds(),
                    CAPACITY,
                    capacity,
                    1.25 * CAPACITY,
                    duration.toSeconds(),
                    1.5 * capacity,
                    duration.toSeconds(),
                    OTHER_USERS,
                    0.75 * capacity));
            Instant mixed = Instant.now();
            runners.apply(tokens(true))
                    .pipeline(new Workload(
                            "pipeline",
                            "fairness, mixed",
                            LATENCY,
                            1.5 * capacity,
                            duration,
                            duration.multipliedBy(3),
                            false));
            lines.addAll(waits(db, mixed, "with the heavy user"));
            Instant alone = Instant.now();
            runners.apply(tokens(false))
                    .pipeline(new Workload(
                            "pipeline",
                            "fairness, no heavy user",
                            LATENCY,
                            0.75 * capacity,
                            duration,
                            duration,
                            false));
            lines.addAll(waits(db, alone, "without the heavy user"));
            lines.forEach(log);
            return lines;
        }
    }

    /**
     * Round-robin order of the submissions' tokens: every other one the heavy user's (when present), every tenth a
     * vip's, the rest spread over many other users.
     */
    private static List<String> tokens(boolean withHeavy) {
        List<String> users = new ArrayList<>();
        int other = 0;
        for (int i = 0; i < 20 * OTHER_USERS / 8; i++) {
            if (withHeavy && i % 2 == 0) {
                users.add(HEAVY);
            } else if (i % 10 == 1) {
                users.add(vipUser(i / 10 % VIP_USERS));
            } else {
                users.add("bench-other-" + other++ % OTHER_USERS);
            }
        }
        return users.stream()
                .map(user -> DemoTokens.mint(DemoTokens.DEFAULT_SECRET, user, Duration.ofHours(12)))
                .toList();
    }

    private static String vipUser(int i) {
        return "bench-vip-" + i;
    }

    private static List<String> waits(Connection db, Instant since, String run) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("""
                select case when owner = ? then 'free, heavy user'
                            when plan = 'free' then 'free, everyone else'
                            else plan end as who,
                       count(*) as generations,
                       count(*) filter (where claimed_at is null) as unstarted,
                       percentile_cont(0.5) within group (order by extract(epoch from claimed_at - ready_at)) as p50,
                       percentile_cont(0.99) within group (order by extract(epoch from claimed_at - ready_at)) as p99
                from generation.admission
                where enqueued_at >= ?
                group by 1
                order by 1
                """)) {
            query.setString(1, HEAVY);
            query.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    lines.add(String.format(
                            Locale.ROOT,
                            "  %s, %s: %d generations (%d not started), queue wait p50 %.2f s, p99 %.2f s",
                            run,
                            rows.getString("who"),
                            rows.getLong("generations"),
                            rows.getLong("unstarted"),
                            rows.getDouble("p50"),
                            rows.getDouble("p99")));
                }
            }
        }
        return lines;
    }
}
