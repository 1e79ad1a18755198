package io.picturepipeline.retry;

import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * Gives a listener container the shared failure policy without its seek: a failed record is routed on exactly as by
 * the shared error handler, but the records fetched after it are kept and handed to the listener next, instead of the
 * partition being sought back and fetched again ({@code DefaultErrorHandler.setSeekAfterError(false)}). For a stage
 * whose failures are frequent and cheap to route (the webhook stage skipping a slow endpoint's deliveries), where each
 * re-fetch would hold the partition — and every other record on it — for a poll. A record whose routing fails is
 * retried in memory before the ones behind it, so order and at-least-once are kept.
 *
 * <p>A stage opts in twice: its main listener names this bean ({@code @KafkaListener(containerPostProcessor =
 * KeepRemainingRecords.BEAN)}) and its {@link StageHandler} says {@link StageHandler#keepsRemainingRecords()}, so that
 * its retry tiers' containers get it too. Other stages keep the shared handler.
 */
public final class KeepRemainingRecords
        implements ContainerPostProcessor<Object, Object, AbstractMessageListenerContainer<Object, Object>> {

    /** The bean's name, for {@code @KafkaListener(containerPostProcessor = ...)}. */
    public static final String BEAN = "pipelineKeepRemainingRecords";

    private final DefaultErrorHandler handler;

    KeepRemainingRecords(FailureRouter router, RetrySettings settings) {
        this.handler = FailurePolicy.errorHandler(router, settings);
        this.handler.setSeekAfterError(false);
    }

    @Override
    public void postProcess(AbstractMessageListenerContainer<Object, Object> container) {
        apply(container);
    }

    void apply(AbstractMessageListenerContainer<?, ?> container) {
        container.setCommonErrorHandler(handler);
    }

    /** The error handler it gives, for tests. */
    DefaultErrorHandler handler() {
        return handler;
    }
}
