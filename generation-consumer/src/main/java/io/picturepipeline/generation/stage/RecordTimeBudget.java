package io.picturepipeline.generation.stage;

import io.picturepipeline.generation.GenerationSettings;
import io.picturepipeline.generation.provider.replicate.ReplicateClient;
import io.picturepipeline.retry.InProcessRetry;
import io.picturepipeline.retry.PipelineKafkaSettings;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * The guarantee that a slow provider never gets a consumer evicted: the longest a record can hold its listener
 * (create call with every in-process retry, then the events the stage publishes), times the records one poll hands
 * over, must stay within {@code max.poll.interval.ms} with a margin. Checked at startup against the consumer factory
 * the listener and the retry tiers share; a setting that breaks it stops the service with the figures.
 *
 * <p>Chosen over handing creates off asynchronously: the record is committed only once its prediction id is recorded
 * (or its failure routed), so a crash never commits past a create, and the bound holds whatever the provider does.
 */
@Component
class RecordTimeBudget {

    /** Share of {@code max.poll.interval.ms} a poll's records may use; the rest is margin (GC, a slow database). */
    static final double USABLE_SHARE = 0.8;
    /** Database statements of one record, generously. */
    static final Duration DATABASE_SLACK = Duration.ofSeconds(5);

    private static final int KAFKA_DEFAULT_MAX_POLL_RECORDS = 500;
    private static final int KAFKA_DEFAULT_MAX_POLL_INTERVAL_MS = 300_000;

    RecordTimeBudget(GenerationSettings settings, PipelineKafkaSettings kafka, ConsumerFactory<?, ?> consumers) {
        Map<String, Object> config = consumers.getConfigurationProperties();
        int records = intOf(config.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), KAFKA_DEFAULT_MAX_POLL_RECORDS);
        Duration interval = Duration.ofMillis(
                intOf(config.get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG), KAFKA_DEFAULT_MAX_POLL_INTERVAL_MS));
        check(records, interval, perRecord(settings, kafka.publishTimeout()));
    }

    /**
     * The longest one record can take: looking for a lost create among the provider's recent predictions, every attempt of the create call (connect + request timeout), the longest
     * wait between attempts (a backoff or an honoured {@code Retry-After}), then either the three events published
     * after a create (started, and a sync-mode result on two topics) or cancelling a superseded prediction.
     */
    static Duration perRecord(GenerationSettings settings, Duration publishTimeout) {
        GenerationSettings.Replicate replicate = settings.replicate();
        InProcessRetry retry = settings.retry();
        int attempts = retry.maxAttempts();
        Duration betweenAttempts = max(retry.maxBackoff(), retry.maxRetryAfter());
        Duration create = replicate
                .connectTimeout()
                .plus(replicate.requestTimeout())
                .multipliedBy(attempts)
                .plus(betweenAttempts.multipliedBy(attempts - 1L));
        Duration cancel = replicate
                .connectTimeout()
                .plus(replicate.pollTimeout())
                .multipliedBy(attempts)
                .plus(betweenAttempts.multipliedBy(attempts - 1L));
        // a redelivered intent first looks for the prediction a lost create call made: pages of the list, one attempt
        // each
        Duration reconcile =
                replicate.connectTimeout().plus(replicate.pollTimeout()).multipliedBy(ReplicateClient.RECONCILE_PAGES);
        return reconcile
                .plus(create)
                .plus(max(publishTimeout.multipliedBy(3), cancel))
                .plus(DATABASE_SLACK);
    }

    static void check(int recordsPerPoll, Duration maxPollInterval, Duration perRecord) {
        Duration worstPoll = perRecord.multipliedBy(recordsPerPoll);
        Duration usable = Duration.ofMillis((long) (maxPollInterval.toMillis() * USABLE_SHARE));
        if (worstPoll.compareTo(usable) > 0) {
            throw new IllegalStateException("a slow provider could get the generation-consumer evicted: "
                    + recordsPerPoll + " records per poll (max.poll.records) × up to " + perRecord
                    + " each (create timeouts and in-process retries of pipeline.generation, publish timeout) = "
                    + worstPoll + ", more than " + (int) (USABLE_SHARE * 100) + "% of max.poll.interval.ms ("
                    + maxPollInterval + "). Lower spring.kafka.consumer.max-poll-records or the timeouts, or raise"
                    + " spring.kafka.consumer.properties.max.poll.interval.ms");
        }
    }

    private static int intOf(Object value, int fallback) {
        if (value == null) {
            return fallback;
        }
        return value instanceof Number number
                ? number.intValue()
                : Integer.parseInt(value.toString().trim());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
