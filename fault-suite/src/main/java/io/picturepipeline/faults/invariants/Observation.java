package io.picturepipeline.faults.invariants;

import static io.picturepipeline.faults.invariants.Db.query;
import static io.picturepipeline.faults.invariants.Db.uuid;

import io.picturepipeline.faults.Ledger;
import io.picturepipeline.faults.Ledger.ExpectedDeadLetter;
import io.picturepipeline.faults.Ledger.Injected;
import io.picturepipeline.faults.Ledger.Outcome;
import io.picturepipeline.faults.Ledger.Rules;
import io.picturepipeline.faults.Ledger.Submission;
import io.picturepipeline.faults.Report;
import io.picturepipeline.faults.invariants.Observed.Match;
import io.picturepipeline.faults.invariants.Observed.Misplaced;
import io.picturepipeline.faults.invariants.Observed.Refused;
import io.picturepipeline.faults.invariants.Observed.RequestRow;
import io.picturepipeline.infra.TopicReader;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.PoisonRecordException;
import io.picturepipeline.schemas.Topics;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads PostgreSQL, the topics and the image store once, in this order, into an {@link Observed}. */
final class Observation {

    private static final Pattern NONCE = Pattern.compile("fsn-(\\S+)");

    private final Connection db;
    private final TopicReader topics;
    private final EventCodec codec = new EventCodec();

    private Observation(Connection db, TopicReader topics) {
        this.db = db;
        this.topics = topics;
    }

    /** Reads everything; stray files in the image store become notes in {@code report}. */
    static Observed read(Ledger ledger, Connection db, TopicReader topics, ImageStore imageStore, Report report)
            throws SQLException {
        return new Observation(db, topics).read(ledger, imageStore, report);
    }

    private Observed read(Ledger ledger, ImageStore imageStore, Report report) throws SQLException {
        Map<UUID, Expected> expected = promised(ledger);
        List<RequestRow> requests = requests(ledger);
        for (RequestRow request : requests) {
            Submission s = request.submission();
            if (s != null && s.outcome() == Outcome.IN_DOUBT) {
                Rules rules = ledger.rulesOf(s.scenario());
                expected.put(
                        request.id(),
                        new Expected(
                                request.id(),
                                s.scenario(),
                                "in doubt, stored",
                                rules.terminal(),
                                rules.parkedAllowed(),
                                s.numOutputs()));
            }
        }
        Map<UUID, List<PipelineEvent>> lifecycle = new LinkedHashMap<>();
        List<Misplaced> misplaced = new ArrayList<>();
        int undecodable = 0;
        List<ConsumerRecord<String, byte[]>> records = topics.readAll(Topics.LIFECYCLE);
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                PipelineEvent event = codec.decode(record.value());
                if (record.key() != null
                        && !record.key().equals(event.generationId().toString())) {
                    misplaced.add(new Misplaced(event, record.partition(), record.offset(), record.key()));
                } else {
                    lifecycle
                            .computeIfAbsent(event.generationId(), k -> new ArrayList<>())
                            .add(event);
                }
            } catch (PoisonRecordException poison) {
                undecodable++;
            }
        }
        Map<UUID, ProjectionRow> projection = projection();
        Map<UUID, List<String>> terminalRowsLogged = new HashMap<>();
        List<Refused> refused = new ArrayList<>();
        query(db, "select generation_id, type, event_id, refused_reason from projection.generation_event", rs -> {
            UUID generation = uuid(rs, 1);
            String type = rs.getString(2);
            if (Observed.TERMINAL_TYPES.contains(type)) {
                terminalRowsLogged
                        .computeIfAbsent(generation, k -> new ArrayList<>())
                        .add(type);
            }
            if (rs.getString(4) != null) {
                refused.add(new Refused(generation, type, rs.getString(3), rs.getString(4)));
            }
        });
        List<DeadLetter> deadLetters = deadLetters();
        List<DeadLetter> unmatched = new ArrayList<>(deadLetters);
        List<Match> matches = new ArrayList<>();
        for (ExpectedDeadLetter want : ledger.expectedDeadLetters()) {
            List<DeadLetter> found = unmatched.stream()
                    .filter(d -> d.topic().equals(want.topic()) && want.key().equals(d.key()))
                    .toList();
            unmatched.removeAll(found);
            matches.add(new Match(want, found));
        }
        Map<UUID, Integer> completedDownloads = new HashMap<>();
        query(
                db,
                "select generation_id, jsonb_array_length(images) from download.completed_download",
                rs -> completedDownloads.put(uuid(rs, 1), rs.getInt(2)));
        Map<UUID, List<ImageStore.StoredObject>> files = ImageFiles.byGeneration(imageStore, report);
        long outbox = Db.single(db, "select count(*) from ingest.outbox");
        List<String> outboxSample = new ArrayList<>();
        if (outbox > 0) {
            query(
                    db,
                    "select generation_id, topic, attempts, last_error from ingest.outbox order by id limit 5",
                    rs -> outboxSample.add(rs.getString(1) + " → " + rs.getString(2) + " (" + rs.getInt(3)
                            + " attempts: " + rs.getString(4) + ")"));
        }
        return new Observed(
                ledger,
                expected,
                requests,
                lifecycle,
                misplaced,
                records.size(),
                undecodable,
                projection,
                terminalRowsLogged,
                refused,
                deadLetters,
                matches,
                unmatched,
                completedDownloads,
                files,
                outbox,
                outboxSample);
    }

    /** The generations the client was told were accepted (202) and those the scenarios published themselves. */
    private static Map<UUID, Expected> promised(Ledger ledger) {
        Map<UUID, Expected> expected = new LinkedHashMap<>();
        for (Submission s : ledger.submissions()) {
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
        return expected;
    }

    private List<RequestRow> requests(Ledger ledger) throws SQLException {
        Map<String, Submission> byNonce = new HashMap<>();
        ledger.submissions().forEach(s -> byNonce.put(s.nonce(), s));
        List<RequestRow> rows = new ArrayList<>();
        query(db, "select id, parameters->>'prompt' from ingest.generation_request", rs -> {
            String prompt = rs.getString(2);
            Matcher nonce = prompt == null ? null : NONCE.matcher(prompt);
            Submission submission = nonce != null && nonce.find() ? byNonce.get(nonce.group(1)) : null;
            rows.add(new RequestRow(uuid(rs, 1), prompt, submission));
        });
        return rows;
    }

    private Map<UUID, ProjectionRow> projection() throws SQLException {
        Map<UUID, ProjectionRow> projection = new LinkedHashMap<>();
        query(
                db,
                "select id, owner, status, prompt, images::text, error_class, error_message from projection.generation",
                rs -> projection.put(
                        uuid(rs, 1),
                        new ProjectionRow(
                                uuid(rs, 1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7))));
        return projection;
    }

    private List<DeadLetter> deadLetters() {
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (String topic : topics.topics()) {
            if (topic.endsWith(Topics.DEAD_LETTER_SUFFIX)) {
                topics.readAll(topic).forEach(record -> deadLetters.add(DeadLetter.of(record)));
            }
        }
        return deadLetters;
    }
}
