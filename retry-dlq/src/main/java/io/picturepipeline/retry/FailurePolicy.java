package io.picturepipeline.retry;

import io.picturepipeline.schemas.IllegalTransitionException;
import io.picturepipeline.schemas.PoisonRecordException;
import io.picturepipeline.schemas.Topics;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The shared error handler. A record of a stage topic (input or retry tier) is handed to the {@link FailureRouter}
 * at once: no in-place retry blocks its partition; the backoff tiers wait instead. A record of any other topic (the
 * projection's lifecycle topic, which has no tiers and whose order matters) is retried in place a few times first.
 * Poison and permanent failures are never retried in place.
 */
final class FailurePolicy {

    private static final BackOff AT_ONCE = new FixedBackOff(0, 0);

    private FailurePolicy() {}

    static DefaultErrorHandler errorHandler(FailureRouter router, RetrySettings settings) {
        ExponentialBackOff inPlace =
                new ExponentialBackOff(settings.inPlaceBackoff().toMillis(), 2.0);
        inPlace.setMaxAttempts(settings.inPlaceAttempts() - 1L);
        DefaultErrorHandler handler = new DefaultErrorHandler(router, inPlace);
        handler.setBackOffFunction(
                (record, exception) -> Topics.stageOf(record.topic()).isPresent() ? AT_ONCE : inPlace);
        handler.addNotRetryableExceptions(
                PoisonRecordException.class, NonRetryableException.class, IllegalTransitionException.class);
        return handler;
    }
}
