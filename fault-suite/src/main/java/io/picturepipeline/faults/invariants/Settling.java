package io.picturepipeline.faults.invariants;

import static io.picturepipeline.faults.invariants.Db.query;
import static io.picturepipeline.faults.invariants.Db.uuid;

import io.picturepipeline.faults.Ledger;
import io.picturepipeline.faults.Ledger.Outcome;
import io.picturepipeline.faults.Ledger.Submission;
import io.picturepipeline.infra.TopicReader;
import io.picturepipeline.schemas.GenerationStatus;
import io.picturepipeline.schemas.Topics;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Whether the pipeline is quiet: the outbox empty, every owed generation terminal (or parked), no consumer lag. */
final class Settling {

    private final Database database;
    private final TopicReader topics;

    Settling(Database database, TopicReader topics) {
        this.database = database;
        this.topics = topics;
    }

    /** What the pipeline is still busy with, or empty when it is quiet. */
    String unsettled(Ledger ledger) {
        try (Connection db = database.connect()) {
            long outbox = Db.single(db, "select count(*) from ingest.outbox");
            if (outbox > 0) {
                return outbox + " outbox rows";
            }
            long open = open(ledger, db);
            if (open > 0) {
                return open + " generations not yet terminal";
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        long lag = topics.lag(groups());
        return lag > 0 ? lag + " records of consumer lag" : "";
    }

    private static long open(Ledger ledger, Connection db) throws SQLException {
        Map<UUID, Boolean> parkable = new HashMap<>();
        for (Submission s : ledger.submissions()) {
            if (s.outcome() == Outcome.ACCEPTED) {
                parkable.put(s.id(), ledger.rulesOf(s.scenario()).parkedAllowed());
            }
        }
        ledger.injected().values().forEach(i -> parkable.put(i.id(), false));
        Map<UUID, String> status = new HashMap<>();
        Set<UUID> deadLettered = new HashSet<>();
        query(db, "select id, status from projection.generation", rs -> status.put(uuid(rs, 1), rs.getString(2)));
        if (Db.tableExists(db, "projection", "dead_letter")) {
            query(db, "select generation_id from projection.dead_letter", rs -> deadLettered.add(uuid(rs, 1)));
        }
        return parkable.entrySet().stream()
                .filter(owed -> {
                    String s = status.get(owed.getKey());
                    if (s != null
                            && GenerationStatus.valueOf(s.toUpperCase(Locale.ROOT))
                                    .isTerminal()) {
                        return false;
                    }
                    return !(owed.getValue() && deadLettered.contains(owed.getKey()));
                })
                .count();
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
}
