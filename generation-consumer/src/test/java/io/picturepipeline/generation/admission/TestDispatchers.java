package io.picturepipeline.generation.admission;

import io.micrometer.core.instrument.MeterRegistry;
import io.picturepipeline.generation.GenerationSettings;
import io.picturepipeline.generation.prediction.InFlightLimit;
import io.picturepipeline.retry.StageHandler;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;

/** A second admission dispatcher on the service's queue, with a stage and failure policy of the test's choosing. */
public final class TestDispatchers {

    private TestDispatchers() {}

    /**
     * Stops the service's own dispatcher and returns one handing claims to {@code stage} (not started); {@link
     * #restore} gives the queue back to the service's dispatcher.
     */
    public static SmartLifecycle replacing(
            ApplicationContext context, StageHandler stage, ConsumerRecordRecoverer failurePolicy) {
        context.getBean(AdmissionDispatcher.class).stop();
        return new AdmissionDispatcher(
                context.getBean(AdmissionQueue.class),
                List.of(stage),
                failurePolicy,
                context.getBean(InFlightLimit.class),
                context.getBean(GenerationSettings.class),
                context.getBean(MeterRegistry.class),
                context.getBean(Clock.class));
    }

    /** Stops the test's dispatcher and starts the service's again (its wake-up on inserts too). */
    public static void restore(ApplicationContext context, SmartLifecycle replacement) {
        replacement.stop();
        AdmissionDispatcher original = context.getBean(AdmissionDispatcher.class);
        context.getBean(AdmissionQueue.class).onInsert(original::wake);
        original.start();
    }
}
