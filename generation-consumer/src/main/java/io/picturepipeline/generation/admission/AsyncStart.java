package io.picturepipeline.generation.admission;

import io.picturepipeline.retry.StageHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A stage handler that can start a generation without holding the caller's thread while the provider answers: the
 * {@link AdmissionDispatcher} uses it when the generate stage's handler offers it, so a starter thread is held for the
 * work before the create call only, and the slots are bounded by {@code max-in-flight}, not by starter threads.
 */
public interface AsyncStart {

    /**
     * As {@link StageHandler#handle}, with the provider's answer handled on {@code answers}; completes exceptionally
     * with what {@code handle} would throw (it may also throw before the call goes out).
     */
    CompletableFuture<StageHandler.Outcome> startAsync(ConsumerRecord<String, byte[]> record, Executor answers);
}
