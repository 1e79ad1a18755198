package io.picturepipeline.faults;

import io.picturepipeline.schemas.GenerationStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What the scenarios of one stack did and what they expect: every submission with what the client saw, every record
 * published straight to a topic, every dead letter a scenario provokes. The {@link io.picturepipeline.faults.invariants.InvariantChecker} compares it with
 * what PostgreSQL and the topics hold. Thread-safe; one ledger per stack, shared by the scenarios run on it.
 */
public final class Ledger {

    /** What the client learnt of one submission. */
    public enum Outcome {
        /** 202 with an id: the pipeline owes this generation a terminal state. */
        ACCEPTED,
        /** A 4xx or 5xx: nothing may be stored. */
        REJECTED,
        /** The connection was refused: the request never reached the server, nothing may be stored. */
        REFUSED,
        /** The connection broke or timed out after the request was sent: it may or may not have been accepted. */
        IN_DOUBT
    }

    public record Submission(
            String scenario,
            String nonce,
            String user,
            int numOutputs,
            Outcome outcome,
            int status,
            @Nullable UUID id,
            String detail,
            Instant at) {}

    /** A generation whose events a scenario published itself, and the terminal statuses it may end in. */
    public record Injected(String scenario, UUID id, Set<GenerationStatus> terminal, int numOutputs, String what) {}

    /**
     * A record a scenario expects on {@code topic} (a dead-letter topic) under {@code key}, with an exception class
     * and message containing the given fragments (either may be empty).
     */
    public record ExpectedDeadLetter(
            String scenario, String topic, String key, String exceptionContains, String messageContains, String what) {}

    /**
     * What the accepted generations of a scenario may end as: one of {@code terminal}, or parked on a dead-letter
     * topic (transient failures exhausted, not terminal) when {@code parkedAllowed}.
     */
    public record Rules(Set<GenerationStatus> terminal, boolean parkedAllowed) {

        public static Rules completed() {
            return new Rules(EnumSet.of(GenerationStatus.COMPLETED), false);
        }
    }

    private final List<Submission> submissions = new ArrayList<>();
    private final Map<UUID, Injected> injected = new LinkedHashMap<>();
    private final List<ExpectedDeadLetter> deadLetters = new ArrayList<>();
    private final Map<String, String> poisonKeys = new LinkedHashMap<>();
    private final Map<String, Rules> rules = new ConcurrentHashMap<>();

    public synchronized void record(Submission submission) {
        submissions.add(submission);
    }

    public synchronized void inject(Injected generation) {
        injected.put(generation.id(), generation);
    }

    public synchronized void expectDeadLetter(ExpectedDeadLetter deadLetter) {
        deadLetters.add(deadLetter);
    }

    /**
     * A key a scenario used for a poison record: the pipeline may announce its dead letter for it (a placeholder row
     * in the projection, a {@code DeadLettered} event), nothing else.
     */
    public synchronized void poisonKey(String scenario, String key) {
        poisonKeys.put(key, scenario);
    }

    public void rules(String scenario, Rules value) {
        rules.put(scenario, value);
    }

    public Rules rulesOf(String scenario) {
        return rules.getOrDefault(scenario, Rules.completed());
    }

    public synchronized List<Submission> submissions() {
        return List.copyOf(submissions);
    }

    public synchronized List<Submission> submissions(String scenario) {
        return submissions.stream().filter(s -> s.scenario().equals(scenario)).toList();
    }

    public synchronized Map<UUID, Injected> injected() {
        return Map.copyOf(injected);
    }

    public synchronized List<ExpectedDeadLetter> expectedDeadLetters() {
        return List.copyOf(deadLetters);
    }

    public synchronized Map<String, String> poisonKeys() {
        return Map.copyOf(poisonKeys);
    }

    public synchronized Set<String> scenarios() {
        Set<String> names = submissions.stream().map(Submission::scenario).collect(Collectors.toSet());
        injected.values().forEach(i -> names.add(i.scenario()));
        deadLetters.forEach(d -> names.add(d.scenario()));
        return names;
    }

    /** Submissions of {@code scenario} by outcome. */
    public synchronized Map<Outcome, Long> outcomes(String scenario) {
        Map<Outcome, Long> counts = new LinkedHashMap<>();
        for (Outcome outcome : Outcome.values()) {
            counts.put(
                    outcome,
                    submissions.stream()
                            .filter(s -> s.scenario().equals(scenario) && s.outcome() == outcome)
                            .count());
        }
        return counts;
    }
}
