package io.picturepipeline.ingest.generation;

import io.picturepipeline.ingest.limit.Plan;
import io.picturepipeline.ingest.limit.RateLimits;
import io.picturepipeline.schemas.Admission;
import io.picturepipeline.schemas.GenerationParameters;
import io.picturepipeline.schemas.GenerationRequested;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepting a generation is one database transaction: the idempotency key claimed for the new generation, the rate
 * limits counted, the request row and its {@code GenerationRequested} in the outbox (for the generate topic and the
 * lifecycle topic). The commit is the acceptance; Kafka follows. A refusal rolls everything back. No lock is taken
 * beyond the rows written: a concurrent duplicate waits on the key's row, a concurrent submission of the same owner
 * on the owner's rate-limit row, each only until the other commits.
 */
@Service
public class GenerationService {

    private final GenerationRequests requests;
    private final RateLimits limits;
    private final IdempotencyKeys keys;
    private final Clock clock;

    GenerationService(GenerationRequests requests, RateLimits limits, IdempotencyKeys keys, Clock clock) {
        this.requests = requests;
        this.limits = limits;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Records the request and its event, or answers the generation an earlier submission with the same key and body
     * created. Throws 422 for a key used with another body, 429 when a limit of the owner's {@code plan} is reached.
     * Limits are charged at acceptance, scheduled generations included: the 202 is the promise, so a refusal can only
     * come now, never at release time when the client is gone. {@code parentId} names the generation a variation or
     * upscale is made from; null for any other.
     */
    @Transactional
    public Submission submit(
            String owner,
            Plan plan,
            GenerationParameters parameters,
            Admission admission,
            @Nullable IdempotencyKey key,
            @Nullable UUID parentId) {
        UUID id = UUID.randomUUID();
        Optional<UUID> earlier = key == null ? Optional.empty() : keys.claim(owner, key, id);
        if (earlier.isPresent()) {
            return new Submission(earlier.get(), true);
        }
        // PostgreSQL keeps microseconds: the event and the row carry the very same instant
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        limits.admit(owner, plan, now);
        requests.record(GenerationRequested.of(id, now, owner, parameters, admission, null, parentId));
        return new Submission(id, false);
    }
}
