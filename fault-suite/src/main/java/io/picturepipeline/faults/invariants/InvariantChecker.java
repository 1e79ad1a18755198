package io.picturepipeline.faults.invariants;

import static org.awaitility.Awaitility.await;

import io.picturepipeline.faults.Ledger;
import io.picturepipeline.faults.Report;
import io.picturepipeline.infra.TopicReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Reads PostgreSQL, the image store and the topics directly ({@link Observation}) and checks the pipeline's promises
 * against a {@link Ledger}, one {@link Invariant} each:
 *
 * <ol>
 *   <li>{@link StoredRequests} and {@link TerminalState}: nothing lost, every accepted generation (202, or in doubt and
 *       found stored) reached a terminal state the scenario allows — or is parked where the scenario allows that;
 *   <li>{@link KeyedByGenerationId}: lifecycle records are keyed by their generation;
 *   <li>{@link NothingRefused} and {@link LegalTransitions}: no illegal transition;
 *   <li>{@link DeadLettersAsExpected}: the dead-letter topics hold exactly the expected failures, with their reasons;
 *   <li>{@link OneTerminalEvent}: exactly once, on the topic and in the projection's events log;
 *   <li>{@link OneImagePerOutput}: projection images, completed downloads and image files agree;
 *   <li>{@link NoPhantom}: nothing for a generation nobody was told was accepted;
 *   <li>{@link OutboxEmpty}.
 * </ol>
 */
public final class InvariantChecker {

    private static final List<Invariant> INVARIANTS = List.of(
            new StoredRequests(),
            new KeyedByGenerationId(),
            new NothingRefused(),
            new DeadLettersAsExpected(),
            new TerminalState(),
            new OneTerminalEvent(),
            new LegalTransitions(),
            new OneImagePerOutput(),
            new NoPhantom(),
            new OutboxEmpty());

    private final Database database;
    private final TopicReader topics;
    private final ImageStore imageStore;
    private final Settling settling;

    /** {@code topics} and {@code imageStore} log in with rights to read what the invariants check. */
    public InvariantChecker(Database database, TopicReader topics, ImageStore imageStore) {
        this.database = database;
        this.topics = topics;
        this.imageStore = imageStore;
        this.settling = new Settling(database, topics);
    }

    /**
     * Waits until the pipeline is quiet — the outbox empty, no consumer lag, every expected generation terminal (or
     * dead-lettered where parking is allowed) — or {@code timeout} passes; then checks. The time it took to settle is
     * in the report's counts.
     */
    public Report awaitSettledAndCheck(Ledger ledger, Duration timeout, Consumer<String> progress) {
        long start = System.nanoTime();
        AtomicReference<String> waitingFor = new AtomicReference<>("");
        Callable<Boolean> quiet = () -> {
            try {
                waitingFor.set(settling.unsettled(ledger));
            } catch (RuntimeException e) {
                waitingFor.set("a readable database and broker (" + e.getMessage() + ")");
            }
            return waitingFor.get().isEmpty();
        };
        try {
            await().atMost(timeout).pollInterval(Duration.ofSeconds(1)).until(quiet);
            // late duplicates (a redelivery after a rebalance) show up within moments: it must stay quiet a while
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(quiet);
        } catch (ConditionTimeoutException notSettled) {
            progress.accept("not settled after " + timeout + ": still waiting for " + waitingFor.get());
        }
        Duration settled = Duration.ofNanos(System.nanoTime() - start);
        Report report = check(ledger);
        report.count(
                "settled after",
                waitingFor.get().isEmpty() ? settled.toSeconds() + " s" : "NOT SETTLED: " + waitingFor.get());
        return report;
    }

    /** Checks every invariant now. */
    public Report check(Ledger ledger) {
        Report report = new Report();
        try (Connection db = database.connect()) {
            Observed seen = Observation.read(ledger, db, topics, imageStore, report);
            INVARIANTS.forEach(invariant -> invariant.check(seen, report));
            Summary.count(seen, report);
        } catch (SQLException e) {
            report.violation(null, "-", "readable", "cannot read PostgreSQL: " + e.getMessage());
        }
        return report;
    }
}
