package io.picturepipeline.ingest.generation;

import io.picturepipeline.ingest.limit.Plan;
import io.picturepipeline.ingest.limit.Plans;
import io.picturepipeline.ingest.limit.RateLimits;
import io.picturepipeline.schemas.Admission;
import io.picturepipeline.schemas.GenerationParameters;
import io.picturepipeline.schemas.GenerationRequested;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepting a generation is one database transaction on one pooled connection: the owner's plan read, the idempotency
 * key claimed for the new generation, the rate limits counted, the request row and its {@code GenerationRequested} in the outbox (for the generate topic and the
 * lifecycle topic). The commit is the acceptance; Kafka follows. A refusal rolls everything back. No lock is taken
 * beyond the rows written: a concurrent duplicate waits on the key's row, a concurrent submission of the same owner
 * on the owner's rate-limit row, each only until the other commits.
 */
@Service
public class GenerationService {

    private final GenerationRequests requests;
    private final Plans plans;
    private final RateLimits limits;
    private final IdempotencyKeys keys;
    private final Clock clock;

    GenerationService(GenerationRequests requests, Plans plans, RateLimits limits, IdempotencyKeys keys, Clock clock) {
        this.requests = requests;
        this.plans = plans;
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
     *
     * <p>The owner's plan ({@link Plans#of}, with {@code claimedPlan} the token's claim) is read in this transaction, on
     * its connection, and handed to {@code admission}, which decides how the generation waits (and may refuse it with
     * 400 before anything is written): a submission borrows one pooled connection, never a second one while it holds
     * the first.
     */
    @Transactional
    public Submission submit(
            String owner,
            @Nullable String claimedPlan,
            GenerationParameters parameters,
            Function<Plan, Admission> admission,
            @Nullable IdempotencyKey key,
            @Nullable UUID parentId) {
        Plan plan = plans.of(owner, claimedPlan);
        Admission admitted = admission.apply(plan);
        UUID id = UUID.randomUUID();
        Optional<UUID> earlier = key == null ? Optional.empty() : keys.claim(owner, key, id);
        if (earlier.isPresent()) {
            return new Submission(earlier.get(), true);
        }
        // PostgreSQL keeps microseconds: the event and the row carry the very same instant
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        limits.admit(owner, plan, now);
        requests.record(GenerationRequested.of(id, now, owner, parameters, admitted, null, parentId));
        return new Submission(id, false);
    }
}
