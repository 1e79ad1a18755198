package io.picturepipeline.faults;

import static org.awaitility.Awaitility.await;

import io.picturepipeline.faults.Ledger.ExpectedDeadLetter;
import io.picturepipeline.faults.Ledger.Injected;
import io.picturepipeline.faults.Ledger.Outcome;
import io.picturepipeline.faults.Ledger.Rules;
import io.picturepipeline.faults.Ledger.Submission;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.FailureHeaders;
import io.picturepipeline.schemas.GenerationStatus;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.PoisonRecordException;
import io.picturepipeline.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads PostgreSQL, the image store and the topics directly and checks the pipeline's promises against a
 * {@link Ledger}:
 *
 * <ol>
 *   <li><b>nothing lost</b>: every accepted generation (202, or in doubt and found stored) reached a terminal state in
 *       {@code projection.generation}, one the scenario allows — or is parked on a dead-letter topic where the
 *       scenario allows that;
 *   <li><b>nothing phantom</b>: no request row, projection row, lifecycle event, completed download or image for a
 *       generation nobody was told was accepted; a rejected or refused request left nothing;
 *   <li><b>exactly once</b>: one terminal event id per generation on {@code pipeline.lifecycle} (duplicate records of
 *       that id are allowed and counted; two different terminal facts are not), one terminal row per generation in
 *       {@code projection.generation_event};
 *   <li><b>one stored image per output</b>: projection images, {@code download.completed_download} and the files
 *       under the image store agree, file sizes included;
 *   <li><b>dead letters</b>: the dead-letter topics hold exactly the expected failures (each once, with its reason),
 *       plus parked generations where allowed;
 *   <li>the outbox ({@code ingest.outbox}) is empty;
 *   <li><b>no illegal transition</b>: each generation's lifecycle events, deduplicated by event id, replayed in topic
 *       order through {@link GenerationStatus#moveTo}; nothing changes status after the terminal event; no
 *       {@code refused_reason} in {@code projection.generation_event}.
 * </ol>
 */
public final class InvariantChecker {

    private static final Pattern NONCE = Pattern.compile("fsn-(\\S+)");
    private static final Pattern IMAGE_FILE = Pattern.compile("(\\d+)\\.([a-z]+)");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> TERMINAL_TYPES =
            Set.of("GenerationCompleted", "GenerationFailed", "GenerationCancelled");

    private final String jdbcUrl;
    private final TopicReader topics;
    private final Path imageStore;
    private final EventCodec codec = new EventCodec();

    public InvariantChecker(String jdbcUrl, String kafkaBootstrap, Path imageStore) {
        this.jdbcUrl = jdbcUrl;
        this.topics = new TopicReader(kafkaBootstrap);
        this.imageStore = imageStore;
    }

    /** A generation the pipeline owes a terminal state. */
    private record Expected(
            UUID id,
            String scenario,
            String source,
            Set<GenerationStatus> terminal,
            boolean parkedAllowed,
            int outputs) {}

    private record ProjectionRow(
            UUID id,
            @Nullable String owner,
            String status,
            @Nullable String prompt,
            String images) {}

    private record DeadLetter(
            String topic,
            int partition,
            long offset,
            @Nullable String key,
            String exceptionClass,
            String message,
            boolean terminal,
            boolean parked) {

        String where() {
            return topic + "-" + partition + "@" + offset;
        }
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
                waitingFor.set(unsettled(ledger));
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

    /** What the pipeline is still busy with, or empty when it is quiet. */
    private String unsettled(Ledger ledger) {
        try (Connection db = connect()) {
            long outbox = single(db, "select count(*) from ingest.outbox");
            if (outbox > 0) {
                return outbox + " outbox rows";
            }
            Set<UUID> owed = new HashSet<>();
            Map<UUID, Boolean> parkable = new HashMap<>();
            for (Submission s : ledger.submissions()) {
                if (s.outcome() == Outcome.ACCEPTED) {
                    owed.add(s.id());
                    parkable.put(s.id(), ledger.rulesOf(s.scenario()).parkedAllowed());
                }
            }
            ledger.injected().values().forEach(i -> {
                owed.add(i.id());
                parkable.put(i.id(), false);
            });
            Map<UUID, String> status = new HashMap<>();
            Set<UUID> deadLettered = new HashSet<>();
            query(db, "select id, status from projection.generation", rs -> status.put(uuid(rs, 1), rs.getString(2)));
            if (tableExists(db, "projection", "dead_letter")) {
                query(db, "select generation_id from projection.dead_letter", rs -> deadLettered.add(uuid(rs, 1)));
            }
            long open = owed.stream()
                    .filter(id -> {
                        String s = status.get(id);
                        if (s != null
                                && GenerationStatus.valueOf(s.toUpperCase(Locale.ROOT))
                                        .isTerminal()) {
                            return false;
                        }
                        return !(parkable.get(id) && deadLettered.contains(id));
                    })
                    .count();
            if (open > 0) {
                return open + " generations not yet terminal";
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        long lag = topics.lag(groups());
        return lag > 0 ? lag + " records of consumer lag" : "";
    }

    private static Map<String, Set<String>> groups() {
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        groups.put("generation-consumer", Set.of(Topics.GENERATE));
        groups.put("download-consumer", Set.of(Topics.DOWNLOAD));
        groups.put("projection", Set.of(Topics.LIFECYCLE));
        for (int tier = 0; tier < Topics.RETRY_TIERS; tier++) {
            groups.put("generation-consumer-retry-" + tier, Set.of(Topics.retry(Topics.GENERATE, tier)));
            groups.put("download-consumer-retry-" + tier, Set.of(Topics.retry(Topics.DOWNLOAD, tier)));
        }
        return groups;
    }

    /** Checks every invariant now. */
    public Report check(Ledger ledger) {
        Report report = new Report();
        try (Connection db = connect()) {
            check(ledger, db, report);
        } catch (SQLException e) {
            report.violation(null, "-", "readable", "cannot read PostgreSQL: " + e.getMessage());
        }
        return report;
    }

    private void check(Ledger ledger, Connection db, Report report) throws SQLException {
        Map<UUID, Expected> expected = new LinkedHashMap<>();
        Map<String, Submission> byNonce = new HashMap<>();
        for (Submission s : ledger.submissions()) {
            byNonce.put(s.nonce(), s);
            if (s.outcome() == Outcome.ACCEPTED) {
                Rules rules = ledger.rulesOf(s.scenario());
                expected.put(
                        s.id(),
                        new Expected(
                                s.id(), s.scenario(), "202", rules.terminal(), rules.parkedAllowed(), s.numOutputs()));
            }
        }
        for (Injected i : ledger.injected().values()) {
            expected.put(i.id(), new Expected(i.id(), i.scenario(), "injected", i.terminal(), false, i.numOutputs()));
        }
        Map<String, String> poisonKeys = ledger.poisonKeys();

        // 1. ingest.generation_request: every accepted request stored, nothing else stored
        Map<UUID, String> requestRows = new HashMap<>();
        long inDoubtStored = 0;
        List<Object[]> rows = new ArrayList<>();
        query(
                db,
                "select id, parameters->>'prompt' from ingest.generation_request",
                rs -> rows.add(new Object[] {uuid(rs, 1), rs.getString(2)}));
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            String prompt = (String) row[1];
            requestRows.put(id, prompt);
            Matcher nonce = prompt == null ? null : NONCE.matcher(prompt);
            Submission submission = nonce != null && nonce.find() ? byNonce.get(nonce.group(1)) : null;
            if (submission == null) {
                report.violation(id, "-", "no phantom", "a stored request nobody made: prompt " + prompt);
                continue;
            }
            switch (submission.outcome()) {
                case ACCEPTED -> {
                    if (!id.equals(submission.id())) {
                        report.violation(
                                id,
                                submission.scenario(),
                                "no phantom",
                                "request " + submission.nonce() + " was accepted as " + submission.id()
                                        + " but is stored (also) as " + id);
                    }
                }
                case IN_DOUBT -> {
                    inDoubtStored++;
                    Rules rules = ledger.rulesOf(submission.scenario());
                    expected.put(
                            id,
                            new Expected(
                                    id,
                                    submission.scenario(),
                                    "in doubt, stored",
                                    rules.terminal(),
                                    rules.parkedAllowed(),
                                    submission.numOutputs()));
                }
                case REJECTED, REFUSED ->
                    report.violation(
                            id,
                            submission.scenario(),
                            "rejected leaves nothing",
                            "request " + submission.nonce() + " got " + describe(submission) + " but was stored");
            }
        }
        for (Submission s : ledger.submissions()) {
            if (s.outcome() == Outcome.ACCEPTED && !requestRows.containsKey(s.id())) {
                report.violation(
                        s.id(), s.scenario(), "nothing lost", "202, then lost: no ingest.generation_request row");
            }
        }

        // 2. the lifecycle topic, decoded; the read model; the processed-events log
        Map<UUID, List<PipelineEvent>> lifecycle = new LinkedHashMap<>();
        Map<UUID, Integer> lifecycleRecords = new HashMap<>();
        int undecodable = 0;
        int misplaced = 0;
        long lifecycleTotal = 0;
        for (ConsumerRecord<String, byte[]> record : topics.readAll(Topics.LIFECYCLE)) {
            lifecycleTotal++;
            try {
                PipelineEvent event = codec.decode(record.value());
                if (record.key() != null
                        && !record.key().equals(event.generationId().toString())) {
                    // not an event of the generation it names: the stages and the projection refuse it as poison
                    misplaced++;
                    if (!poisonKeys.containsKey(record.key())) {
                        report.violation(
                                event.generationId(),
                                scenarioOf(expected, event.generationId()),
                                "keyed by generation id",
                                event.type() + " at " + Topics.LIFECYCLE + "-" + record.partition() + "@"
                                        + record.offset() + " is keyed " + record.key());
                    }
                    continue;
                }
                lifecycle
                        .computeIfAbsent(event.generationId(), k -> new ArrayList<>())
                        .add(event);
                lifecycleRecords.merge(event.generationId(), 1, Integer::sum);
            } catch (PoisonRecordException poison) {
                undecodable++;
            }
        }
        Map<UUID, ProjectionRow> projection = new LinkedHashMap<>();
        query(
                db,
                "select id, owner, status, prompt, images::text from projection.generation",
                rs -> projection.put(
                        uuid(rs, 1),
                        new ProjectionRow(
                                uuid(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))));
        Map<UUID, List<String>> terminalRowsLogged = new HashMap<>();
        query(db, """
                select generation_id, type, event_id, refused_reason from projection.generation_event
                """, rs -> {
            UUID generation = uuid(rs, 1);
            String type = rs.getString(2);
            if (TERMINAL_TYPES.contains(type)) {
                terminalRowsLogged
                        .computeIfAbsent(generation, k -> new ArrayList<>())
                        .add(type);
            }
            String refused = rs.getString(4);
            if (refused != null) {
                report.violation(
                        generation,
                        scenarioOf(expected, generation),
                        "no illegal transition",
                        "projection refused " + type + " " + rs.getString(3) + ": " + refused);
            }
        });

        // 3. dead letters
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (String topic : topics.topics()) {
            if (topic.endsWith(Topics.DEAD_LETTER_SUFFIX)) {
                for (ConsumerRecord<String, byte[]> record : topics.readAll(topic)) {
                    deadLetters.add(deadLetter(record));
                }
            }
        }
        Map<String, Long> dltCounts = deadLetters.stream()
                .collect(Collectors.groupingBy(DeadLetter::topic, TreeMap::new, Collectors.counting()));
        List<DeadLetter> unmatched = new ArrayList<>(deadLetters);
        for (ExpectedDeadLetter want : ledger.expectedDeadLetters()) {
            List<DeadLetter> found = unmatched.stream()
                    .filter(d -> d.topic().equals(want.topic()) && want.key().equals(d.key()))
                    .toList();
            UUID generation = parseUuid(want.key());
            if (found.isEmpty()) {
                report.violation(
                        generation,
                        want.scenario(),
                        "dead letters as expected",
                        "missing on " + want.topic() + ": " + want.what() + " (key " + want.key() + ")");
                continue;
            }
            unmatched.removeAll(found);
            if (found.size() > 1) {
                report.violation(
                        generation,
                        want.scenario(),
                        "dead letters as expected",
                        want.what() + " dead-lettered " + found.size() + " times: "
                                + found.stream().map(DeadLetter::where).toList());
            }
            DeadLetter first = found.get(0);
            if (!first.exceptionClass().contains(want.exceptionContains())
                    || !first.message()
                            .toLowerCase(Locale.ROOT)
                            .contains(want.messageContains().toLowerCase(Locale.ROOT))) {
                report.violation(
                        generation,
                        want.scenario(),
                        "dead letters as expected",
                        want.what() + " at " + first.where() + " has the reason " + first.exceptionClass() + ": "
                                + first.message() + " (expected " + want.exceptionContains() + " / '"
                                + want.messageContains() + "')");
            }
        }
        Map<UUID, List<DeadLetter>> otherDeadLetters = new HashMap<>();
        for (DeadLetter d : unmatched) {
            UUID generation = parseUuid(d.key());
            if (generation != null && expected.containsKey(generation)) {
                otherDeadLetters
                        .computeIfAbsent(generation, k -> new ArrayList<>())
                        .add(d);
            } else {
                report.violation(
                        generation,
                        generation == null ? "-" : poisonKeys.getOrDefault(d.key(), "-"),
                        "dead letters as expected",
                        "unexpected dead letter " + d.where() + " key " + d.key() + ": " + d.exceptionClass() + ": "
                                + d.message());
            }
        }

        // 4. per expected generation: terminal, once, legal, with its images
        Map<String, Long> statuses = new TreeMap<>();
        long parked = 0;
        long duplicateTerminalRecords = 0;
        long staleEvents = 0;
        Map<UUID, Integer> completedDownloads = new HashMap<>();
        query(
                db,
                "select generation_id, jsonb_array_length(images) from download.completed_download",
                rs -> completedDownloads.put(uuid(rs, 1), rs.getInt(2)));
        Map<UUID, List<Path>> files = imageFiles(report);
        for (Expected e : expected.values()) {
            UUID id = e.id();
            ProjectionRow row = projection.get(id);
            List<PipelineEvent> events = lifecycle.getOrDefault(id, List.of());
            List<DeadLetter> dead = otherDeadLetters.getOrDefault(id, List.of());
            if (row == null) {
                report.violation(
                        id,
                        e.scenario(),
                        "nothing lost",
                        e.source() + ", then lost: no projection row (" + events.size() + " lifecycle events)");
                statuses.merge("(missing)", 1L, Long::sum);
                continue;
            }
            GenerationStatus status = GenerationStatus.valueOf(row.status().toUpperCase(Locale.ROOT));
            if (row.owner() == null) {
                report.violation(
                        id,
                        e.scenario(),
                        "nothing lost",
                        "the projection has no GenerationRequested for it (owner is null, status " + row.status()
                                + ")");
            }
            boolean isParked = false;
            if (!status.isTerminal()) {
                boolean deadLettered = !dead.isEmpty();
                if (e.parkedAllowed() && deadLettered && dead.stream().noneMatch(DeadLetter::terminal)) {
                    isParked = true;
                    parked++;
                    statuses.merge("parked (" + row.status() + ")", 1L, Long::sum);
                } else {
                    report.violation(
                            id,
                            e.scenario(),
                            "reached a terminal state",
                            e.source() + " but " + row.status() + (deadLettered ? ", dead-lettered: " + dead : ""));
                    statuses.merge(row.status(), 1L, Long::sum);
                }
            } else {
                statuses.merge(row.status(), 1L, Long::sum);
                if (!e.terminal().contains(status)) {
                    report.violation(
                            id,
                            e.scenario(),
                            "reached a terminal state",
                            "ended " + row.status() + ", expected " + e.terminal() + describeFailure(db, id));
                }
            }
            for (DeadLetter d : dead) {
                boolean consistentFailure = d.terminal() && status == GenerationStatus.FAILED;
                if (!isParked && !consistentFailure) {
                    report.violation(
                            id,
                            e.scenario(),
                            "dead letters as expected",
                            "unexpected dead letter " + d.where() + " (status " + row.status() + "): "
                                    + d.exceptionClass() + ": " + d.message());
                }
            }
            // exactly one terminal event (by id) on the topic, the same fact in every duplicate record
            Map<UUID, Set<String>> terminalIds = new LinkedHashMap<>();
            long terminalRecords = 0;
            for (PipelineEvent event : events) {
                if (TERMINAL_TYPES.contains(event.type())) {
                    terminalRecords++;
                    terminalIds
                            .computeIfAbsent(event.eventId(), k -> new LinkedHashSet<>())
                            .add(event.type());
                }
            }
            if (status.isTerminal()) {
                if (terminalIds.size() != 1) {
                    report.violation(
                            id,
                            e.scenario(),
                            "one terminal event",
                            terminalIds.size() + " terminal event ids on " + Topics.LIFECYCLE + ": " + terminalIds);
                }
                duplicateTerminalRecords += Math.max(0, terminalRecords - terminalIds.size());
                terminalIds.forEach((eventId, types) -> {
                    if (types.size() > 1) {
                        report.violation(
                                id,
                                e.scenario(),
                                "one terminal event",
                                "terminal event " + eventId + " carries different facts: " + types);
                    }
                });
                List<String> logged = terminalRowsLogged.getOrDefault(id, List.of());
                if (logged.size() != 1) {
                    report.violation(
                            id,
                            e.scenario(),
                            "one terminal event",
                            logged.size() + " terminal rows in projection.generation_event: " + logged);
                }
            } else if (!terminalIds.isEmpty()) {
                report.violation(
                        id,
                        e.scenario(),
                        "one terminal event",
                        "terminal events " + terminalIds + " on the topic but the projection says " + row.status());
            }
            staleEvents += replay(id, e.scenario(), events, report);
            checkImages(e, row, status, completedDownloads.get(id), files.getOrDefault(id, List.of()), report);
        }

        // 5. nothing for generations nobody was promised
        for (ProjectionRow row : projection.values()) {
            if (expected.containsKey(row.id())) {
                continue;
            }
            String poisonScenario = poisonKeys.get(row.id().toString());
            if (poisonScenario != null && row.owner() == null && !isTerminal(row.status())) {
                continue; // a poison record's dead letter, announced under its key
            }
            List<String> types = lifecycle.getOrDefault(row.id(), List.of()).stream()
                    .map(PipelineEvent::type)
                    .toList();
            report.violation(
                    row.id(),
                    poisonScenario != null ? poisonScenario : "-",
                    "no phantom",
                    "projection row (" + row.status() + ", owner " + row.owner() + ") for a generation nobody was"
                            + " told was accepted; lifecycle: " + types);
        }
        for (UUID id : lifecycle.keySet()) {
            if (!expected.containsKey(id) && !projection.containsKey(id)) {
                String poisonScenario = poisonKeys.get(id.toString());
                List<String> types = lifecycle.get(id).stream()
                        .map(PipelineEvent::type)
                        .filter(t -> poisonScenario == null || !t.equals("DeadLettered"))
                        .toList();
                if (!types.isEmpty()) {
                    report.violation(
                            id,
                            poisonScenario != null ? poisonScenario : "-",
                            "no phantom",
                            "lifecycle events " + types + " for a generation nobody was told was accepted");
                }
            }
        }
        for (UUID id : completedDownloads.keySet()) {
            if (!expected.containsKey(id)) {
                report.violation(id, "-", "no phantom", "a completed download nobody was told was accepted");
            }
        }
        for (UUID id : files.keySet()) {
            if (!expected.containsKey(id)) {
                report.violation(id, "-", "no phantom", "stored images " + files.get(id) + " nobody was promised");
            }
        }

        // 6. the outbox
        long outbox = single(db, "select count(*) from ingest.outbox");
        if (outbox > 0) {
            List<String> sample = new ArrayList<>();
            query(
                    db,
                    "select generation_id, topic, attempts, last_error from ingest.outbox order by id limit 5",
                    rs -> sample.add(rs.getString(1) + " → " + rs.getString(2) + " (" + rs.getInt(3) + " attempts: "
                            + rs.getString(4) + ")"));
            report.violation(null, "-", "outbox empty", outbox + " rows left in ingest.outbox, e.g. " + sample);
        }

        // counts
        Map<String, Long> sources = expected.values().stream()
                .collect(Collectors.groupingBy(Expected::source, TreeMap::new, Collectors.counting()));
        report.count("submissions", ledger.submissions().size());
        report.count(
                "client outcomes",
                ledger.submissions().stream()
                        .collect(Collectors.groupingBy(
                                s -> s.outcome() + (s.status() > 0 && s.status() != 202 ? " " + s.status() : ""),
                                TreeMap::new,
                                Collectors.counting())));
        report.count("generations owed a terminal state", expected.size() + " " + sources);
        report.count("in doubt but stored", inDoubtStored);
        report.count("final statuses", statuses);
        report.count("parked on a dead-letter topic", parked);
        report.count(
                "lifecycle records",
                lifecycleTotal + " (" + undecodable + " undecodable, " + misplaced
                        + " under another generation's key)");
        report.count("duplicate terminal records (same event id, deduped)", duplicateTerminalRecords);
        report.count("stale (out-of-order) status events", staleEvents);
        report.count("dead letters", dltCounts);
        report.count("projection rows", projection.size());
        report.count("outbox rows", outbox);
    }

    /**
     * Replays a generation's events, each event id once, in topic order through {@link GenerationStatus#moveTo}. What
     * the state machine refuses is a violation — also an event whose status lies behind the current one (stale: a
     * late {@code GenerationRequested} from the outbox's second row), which the projection tolerates but a reader of
     * the topic in order (a live stream) sees as a step back — and so is any new status after the terminal one.
     * Returns the number of stale events.
     */
    private static int replay(UUID id, String scenario, List<PipelineEvent> events, Report report) {
        Set<UUID> seen = new HashSet<>();
        GenerationStatus status = null;
        PipelineEvent terminal = null;
        int stale = 0;
        for (PipelineEvent event : events) {
            if (!seen.add(event.eventId())) {
                continue;
            }
            GenerationStatus next = event.resultingStatus();
            if (next == null) {
                continue;
            }
            if (terminal != null) {
                report.violation(
                        id,
                        scenario,
                        "no illegal transition",
                        event.type() + " " + event.eventId() + " after the terminal " + terminal.type());
                continue;
            }
            // a generation starts queued, whether or not its GenerationRequested comes first
            GenerationStatus from = status == null ? GenerationStatus.QUEUED : status;
            try {
                status = from.moveTo(next);
            } catch (RuntimeException illegal) {
                if (next.isBefore(from)) {
                    // the projection tolerates it (the row stays right), but whoever reads the topic in order sees
                    // the generation go backwards: a fact was published to its stage topic before the lifecycle
                    stale++;
                    report.violation(
                            id,
                            scenario,
                            "no illegal transition",
                            "stale " + event.type() + " " + event.eventId() + " while " + from.wireName()
                                    + " (out of order on " + Topics.LIFECYCLE + ": " + sequence(events) + ")");
                } else {
                    report.violation(
                            id,
                            scenario,
                            "no illegal transition",
                            from.wireName() + " → " + next.wireName() + " by " + event.type() + " " + event.eventId()
                                    + " (" + Topics.LIFECYCLE + ": " + sequence(events) + ")");
                }
            }
            if (status != null && status.isTerminal()) {
                terminal = event;
            }
        }
        return stale;
    }

    /** The event types of a generation in topic order, progress left out. */
    private static List<String> sequence(List<PipelineEvent> events) {
        return events.stream()
                .map(PipelineEvent::type)
                .filter(type -> !type.equals("GenerationProgressed"))
                .toList();
    }

    private void checkImages(
            Expected e,
            ProjectionRow row,
            GenerationStatus status,
            @Nullable Integer completedDownload,
            List<Path> files,
            Report report) {
        if (status != GenerationStatus.COMPLETED) {
            if (completedDownload != null) {
                report.violation(
                        e.id(),
                        e.scenario(),
                        "one image per output",
                        "download.completed_download has it but the projection says " + row.status());
            }
            return;
        }
        JsonNode images = JSON.readTree(row.images());
        if (images.size() != e.outputs()) {
            report.violation(
                    e.id(),
                    e.scenario(),
                    "one image per output",
                    "projection lists " + images.size() + " images for " + e.outputs() + " outputs");
        }
        if (completedDownload == null) {
            report.violation(e.id(), e.scenario(), "one image per output", "no download.completed_download row");
        } else if (completedDownload != e.outputs()) {
            report.violation(
                    e.id(),
                    e.scenario(),
                    "one image per output",
                    "download.completed_download lists " + completedDownload + " images for " + e.outputs()
                            + " outputs");
        }
        Map<Integer, Path> byIndex = new HashMap<>();
        for (Path file : files) {
            Matcher name = IMAGE_FILE.matcher(file.getFileName().toString());
            if (name.matches()) {
                byIndex.put(Integer.parseInt(name.group(1)), file);
            }
        }
        if (byIndex.size() != e.outputs()) {
            report.violation(
                    e.id(),
                    e.scenario(),
                    "one image per output",
                    byIndex.size() + " image files for " + e.outputs() + " outputs: " + files);
        }
        for (JsonNode image : images) {
            int index = image.path("index").asInt();
            Path file = byIndex.get(index);
            long bytes = image.path("bytes").asLong();
            try {
                if (file == null || Files.size(file) != bytes) {
                    report.violation(
                            e.id(),
                            e.scenario(),
                            "one image per output",
                            "image " + index + " should be " + bytes + " bytes, the file is "
                                    + (file == null ? "missing" : Files.size(file) + " bytes"));
                }
            } catch (IOException io) {
                report.violation(e.id(), e.scenario(), "one image per output", "cannot read " + file + ": " + io);
            }
        }
    }

    /** Image files by generation; stray files (a temporary file left by a killed writer) become notes. */
    private Map<UUID, List<Path>> imageFiles(Report report) {
        Map<UUID, List<Path>> files = new HashMap<>();
        if (!Files.isDirectory(imageStore)) {
            return files;
        }
        int stray = 0;
        try (Stream<Path> walk = Files.walk(imageStore)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path relative = imageStore.relativize(file);
                UUID generation = relative.getNameCount() == 2
                        ? parseUuid(relative.getName(0).toString())
                        : null;
                if (generation != null
                        && IMAGE_FILE.matcher(relative.getFileName().toString()).matches()) {
                    files.computeIfAbsent(generation, k -> new ArrayList<>()).add(file);
                } else {
                    stray++;
                    report.note("stray file in the image store: " + relative);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.values().forEach(list -> list.sort(Comparator.naturalOrder()));
        report.count("stray files in the image store", stray);
        return files;
    }

    private static DeadLetter deadLetter(ConsumerRecord<String, byte[]> record) {
        String exceptionClass = Optional.ofNullable(header(record, FailureHeaders.EXCEPTION_CLASS))
                .or(() -> Optional.ofNullable(header(record, "kafka_dlt-exception-cause-fqcn")))
                .or(() -> Optional.ofNullable(header(record, "kafka_dlt-exception-fqcn")))
                .orElse("");
        String message = Optional.ofNullable(header(record, FailureHeaders.EXCEPTION_MESSAGE))
                .or(() -> Optional.ofNullable(header(record, "kafka_dlt-exception-message")))
                .orElse("");
        return new DeadLetter(
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                exceptionClass,
                message,
                "true".equals(header(record, FailureHeaders.TERMINAL)),
                "true".equals(header(record, FailureHeaders.PARKED)));
    }

    private static @Nullable String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String describeFailure(Connection db, UUID id) {
        try (PreparedStatement statement =
                db.prepareStatement("select error_class, error_message from projection.generation where id = ?")) {
            statement.setObject(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getString(1) != null
                        ? " (" + rs.getString(1) + ": " + rs.getString(2) + ")"
                        : "";
            }
        } catch (SQLException e) {
            return "";
        }
    }

    private static String describe(Submission submission) {
        return switch (submission.outcome()) {
            case REJECTED -> submission.status() + " " + submission.detail();
            case REFUSED -> "connection refused";
            default -> submission.outcome().toString();
        };
    }

    private static String scenarioOf(Map<UUID, Expected> expected, UUID id) {
        Expected e = expected.get(id);
        return e == null ? "-" : e.scenario();
    }

    private static boolean isTerminal(String status) {
        return GenerationStatus.valueOf(status.toUpperCase(Locale.ROOT)).isTerminal();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
    }

    private interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Connection db, String sql, RowHandler handler) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                handler.accept(rs);
            }
        }
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean tableExists(Connection db, String schema, String table) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(
                "select 1 from information_schema.tables where table_schema = ? and table_name = ?")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static UUID uuid(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    static @Nullable UUID parseUuid(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException notOne) {
            return null;
        }
    }

    /** Statuses a scenario may end in. */
    public static Set<GenerationStatus> statuses(GenerationStatus first, GenerationStatus... rest) {
        return EnumSet.of(first, rest);
    }
}
