package io.picturepipeline.ingest.batch;

import io.picturepipeline.ingest.generation.GenerationAlreadyEnded;
import io.picturepipeline.ingest.generation.GenerationCancellation;
import io.picturepipeline.ingest.generation.GenerationQueries;
import io.picturepipeline.ingest.generation.GenerationRequests;
import io.picturepipeline.ingest.generation.GenerationView;
import io.picturepipeline.ingest.generation.IdempotencyKey;
import io.picturepipeline.ingest.generation.IdempotencyKeys;
import io.picturepipeline.ingest.limit.Plan;
import io.picturepipeline.ingest.limit.Plans;
import io.picturepipeline.ingest.limit.RateLimits;
import io.picturepipeline.schemas.GenerationParameters;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.GenerationStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Batches of generations. Accepting one is one transaction, as for a single generation: the idempotency key, the
 * rate limits counted for every item at once, the batch row, the request rows (one JDBC batch) and their outbox rows
 * (one statement). A refusal rolls all of it back, so a batch is accepted whole or not at all.
 */
@Service
public class BatchService {

    public static final int MAX_ITEMS = 50;

    private final BatchRepository batchRows;
    private final Batches batches;
    private final GenerationRequests requests;
    private final GenerationQueries generations;
    private final GenerationCancellation cancellation;
    private final RateLimits limits;
    private final Plans plans;
    private final IdempotencyKeys keys;
    private final Clock clock;

    BatchService(
            BatchRepository batchRows,
            Batches batches,
            GenerationRequests requests,
            GenerationQueries generations,
            GenerationCancellation cancellation,
            RateLimits limits,
            Plans plans,
            IdempotencyKeys keys,
            Clock clock) {
        this.plans = plans;
        this.batchRows = batchRows;
        this.batches = batches;
        this.requests = requests;
        this.generations = generations;
        this.cancellation = cancellation;
        this.limits = limits;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Records the batch and one generation per item, or answers the batch an earlier submission with the same key and
     * body created. Throws 422 for a key used with another body, 429 (saying how many would fit) when the items
     * exceed the remaining allowance.
     */
    @Transactional
    public BatchSubmission submit(
            String owner,
            @Nullable String claimedPlan,
            List<GenerationParameters> items,
            @Nullable IdempotencyKey key) {
        // read on this transaction's connection: a batch borrows one connection
        Plan plan = plans.of(owner, claimedPlan);
        UUID id = UUID.randomUUID();
        Optional<UUID> earlier = key == null ? Optional.empty() : keys.claim(owner, key, id);
        if (earlier.isPresent()) {
            return new BatchSubmission(earlier.get(), batches.itemIds(earlier.get()), true);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        limits.admitAll(owner, plan, now, items.size());
        List<GenerationRequested> requested = items.stream()
                .map(item -> GenerationRequested.of(UUID.randomUUID(), now, owner, item, plan.admission(), id, null))
                .toList();
        // flushed now: the request rows that follow reference it, and go in by SQL
        batchRows.saveAndFlush(new Batch(id, owner, items.size(), now));
        requests.recordAll(requested);
        return new BatchSubmission(
                id, requested.stream().map(GenerationRequested::generationId).toList(), false);
    }

    /** The owner's batch with its items as they stand; 404 for anyone else's. */
    public BatchView find(UUID id, String owner) {
        Instant createdAt = batches.createdAt(id, owner).orElseThrow(() -> new BatchNotFound(id));
        List<GenerationView> items = generations.inBatch(id, owner);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (GenerationStatus status : GenerationStatus.values()) {
            counts.put(status.wireName(), 0);
        }
        items.forEach(item -> counts.merge(item.status(), 1, Integer::sum));
        return new BatchView(id, createdAt, items.size(), counts, items);
    }

    /** The generation ids of the owner's batch; 404 for anyone else's. */
    public List<UUID> itemIds(UUID id, String owner) {
        batches.createdAt(id, owner).orElseThrow(() -> new BatchNotFound(id));
        return batches.itemIds(id);
    }

    /**
     * Cancels every item that has not ended, each as its own cancel (one ending meanwhile is simply left as it
     * ended); returns how many were asked to cancel.
     */
    public int cancel(UUID id, String owner) {
        int asked = 0;
        for (GenerationView item : find(id, owner).items()) {
            if (GenerationStatus.valueOf(item.status().toUpperCase(Locale.ROOT)).isTerminal()) {
                continue;
            }
            try {
                cancellation.cancel(item.id(), owner);
                asked++;
            } catch (GenerationAlreadyEnded e) {
                // it ended between the read and the cancel
            }
        }
        return asked;
    }
}
