package io.picturepipeline.retry;

import io.picturepipeline.schemas.GenerationCancelled;

/**
 * What a stage does when an owner cancels a generation. {@code retry-dlq} runs one {@link CancellationFeed} on
 * {@code pipeline.lifecycle} for every subscriber bean of a service (group {@code <stage group>-cancellations});
 * a subscriber must be idempotent, as the feed delivers at least once.
 */
@FunctionalInterface
public interface CancellationSubscriber {

    void cancelled(GenerationCancelled cancel);
}
