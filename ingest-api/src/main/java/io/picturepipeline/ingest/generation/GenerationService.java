package io.picturepipeline.ingest.generation;

import io.picturepipeline.ingest.IngestSettings;
import io.picturepipeline.ingest.limit.RateLimits;
import io.picturepipeline.ingest.outbox.Outbox;
import io.picturepipeline.ingest.web.FieldViolation;
import io.picturepipeline.ingest.web.ProblemException;
import io.picturepipeline.schemas.GenerationParameters;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.Topics;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepting a generation is one database transaction: the owner's advisory lock, the idempotency check, the rate
 * limits, the request row, its {@code GenerationRequested} in the outbox (for the generate topic and the lifecycle
 * topic) and the idempotency key. The commit is the acceptance; Kafka follows. A refusal rolls everything back.
 */
@Service
public class GenerationService {

    private static final List<String> REQUESTED_TOPICS = List.of(Topics.LIFECYCLE, Topics.GENERATE);
    /** Namespace of the per-owner advisory locks of submissions ({@code pg_advisory_xact_lock(int, int)}). */
    private static final int SUBMISSION_LOCKS = 0x50500001;

    private final GenerationRequestRepository requests;
    private final Outbox outbox;
    private final RateLimits limits;
    private final IdempotencyKeys keys;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration keyTtl;

    GenerationService(
            GenerationRequestRepository requests,
            Outbox outbox,
            RateLimits limits,
            IdempotencyKeys keys,
            JdbcClient jdbc,
            JsonMapper json,
            Clock clock,
            IngestSettings settings) {
        this.requests = requests;
        this.outbox = outbox;
        this.limits = limits;
        this.keys = keys;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.keyTtl = settings.idempotency().ttl();
    }

    /** Records the request and its event; returns the new generation's id. */
    public UUID submit(String owner, GenerationParameters parameters) {
        return submit(owner, parameters, null).id();
    }

    /**
     * Records the request and its event, or answers the generation an earlier submission with the same key and body
     * created. Throws 422 for a key used with another body, 429 when a limit is reached.
     */
    @Transactional
    public Submission submit(String owner, GenerationParameters parameters, @Nullable IdempotencyKey key) {
        lockSubmissionsOf(owner);
        if (key != null) {
            Optional<IdempotencyKeys.Remembered> earlier = keys.find(owner, key.value());
            if (earlier.isPresent()) {
                if (!MessageDigest.isEqual(earlier.get().requestHash(), key.requestHash())) {
                    throw keyReused();
                }
                return new Submission(earlier.get().generationId(), true);
            }
        }
        // PostgreSQL keeps microseconds: the event and the row carry the very same instant
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        limits.admit(owner, now);
        UUID id = UUID.randomUUID();
        requests.save(new GenerationRequest(id, owner, json.writeValueAsString(parameters), now));
        outbox.enqueue(GenerationRequested.of(id, now, owner, parameters), REQUESTED_TOPICS);
        if (key != null && !keys.remember(owner, key, id, keyTtl)) {
            // cannot happen while the owner's lock serializes submissions; the unique key is the backstop
            throw keyReused();
        }
        return new Submission(id, false);
    }

    /** Serializes one owner's submissions until the transaction ends, on every instance. */
    private void lockSubmissionsOf(String owner) {
        jdbc.sql("select 1 from pg_advisory_xact_lock(:namespace, hashtext(:owner))")
                .param("namespace", SUBMISSION_LOCKS)
                .param("owner", owner)
                .query(Integer.class)
                .single();
    }

    private ProblemException keyReused() {
        return new ProblemException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "This Idempotency-Key was already used with a different request body.",
                List.of(new FieldViolation(
                        "Idempotency-Key",
                        "was used for another request within the last " + keyTtl.toHours()
                                + " h; use a new key for a new request")),
                Map.of(),
                null);
    }
}
