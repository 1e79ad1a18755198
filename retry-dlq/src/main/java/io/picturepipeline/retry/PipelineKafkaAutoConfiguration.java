package io.picturepipeline.retry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationPredicate;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.Topics;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * The wiring every pipeline service shares: records are String keys (the generation id) and JSON bytes decoded by
 * {@link EventCodec} in the listener, so a poison record is an exception we route, not a deserializer crash;
 * producers are durable (acks=all, idempotent); consumers read committed records only; every topic of
 * {@link Topics} is declared. Failures follow one policy ({@link FailureRouter}): backoff tiers consumed by
 * containers registered for each {@link StageHandler} bean, then the dead-letter topic; owners' cancels reach a
 * stage's {@link CancellationSubscriber}s through one {@link CancellationFeed}.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties({PipelineKafkaSettings.class, RetrySettings.class})
public class PipelineKafkaAutoConfiguration {

    /** Every service's scrape passes {@code promtool check metrics} without findings. */
    @Bean
    MeterFilter prometheusLint() {
        return new PrometheusLint();
    }

    /**
     * Spring Security's filter-chain observations are not made at all. Their meters are dropped ({@link
     * PrometheusLint}), and a dropped meter is looked up under the meter registry's one lock on every call: a dozen
     * times per request, so at 50 requests/s the request threads queued on that lock for seconds (JFR, 2026-12-03).
     */
    @Bean
    ObservationPredicate noSecurityFilterObservations() {
        return (name, context) -> !name.startsWith("spring.security.");
    }

    /**
     * Outside the {@code local} profile a SASL password of this service's principal must be its own
     * ({@link RequiredSecret}); the check runs before any Kafka client is made.
     */
    @Bean
    KafkaCredentialsCheck kafkaCredentialsCheck(org.springframework.core.env.Environment environment) {
        return KafkaCredentialsCheck.of(environment);
    }

    @Bean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    DefaultKafkaProducerFactoryCustomizer pipelineProducerSettings() {
        return factory -> factory.updateConfigs(Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true));
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer pipelineConsumerSettings() {
        return factory -> {
            Map<String, Object> settings = new HashMap<>(Map.of(
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    ByteArrayDeserializer.class,
                    // the ops CLI replays in transactions: an aborted replay must never reach a stage
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                    "read_committed"));
            // a consumer that dies without leaving (kill -9, a lost node) holds its partitions until its session
            // expires: 10 s instead of Kafka's 45 s. Heartbeats come from their own thread, so a slow record does not
            // count against it (max.poll.interval.ms does). Either can still be set in
            // spring.kafka.consumer.properties.
            Map<String, Object> configured = factory.getConfigurationProperties();
            if (!configured.containsKey(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)) {
                settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
                settings.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
            }
            factory.updateConfigs(settings);
        };
    }

    @Bean
    KafkaAdmin.NewTopics pipelineTopics(PipelineKafkaSettings settings) {
        return new KafkaAdmin.NewTopics(Topics.all(settings.partitions()).stream()
                .map(spec -> new NewTopic(spec.name(), spec.partitions(), settings.replicationFactor())
                        .configs(Map.of(
                                "retention.ms", spec.retentionMs(),
                                "cleanup.policy", spec.cleanupPolicy(),
                                "min.insync.replicas", Integer.toString(settings.minInsyncReplicas()),
                                "unclean.leader.election.enable", "false")))
                .toArray(NewTopic[]::new));
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    FailureRouter pipelineFailureRouter(
            KafkaTemplate<String, byte[]> template,
            EventPublisher publisher,
            RetrySettings retry,
            PipelineKafkaSettings kafka,
            Clock clock,
            ObjectProvider<MeterRegistry> registry) {
        return new FailureRouter(template, publisher, retry, clock, kafka.publishTimeout(), registry);
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler pipelineErrorHandler(FailureRouter router, RetrySettings retry) {
        return FailurePolicy.errorHandler(router, retry);
    }

    /** The failure policy without the seek, for the stages that ask for it (not a {@code CommonErrorHandler} bean). */
    @Bean(KeepRemainingRecords.BEAN)
    KeepRemainingRecords pipelineKeepRemainingRecords(FailureRouter router, RetrySettings retry) {
        return new KeepRemainingRecords(router, retry);
    }

    /** The listener containers of the retry tiers of every {@link StageHandler} bean. */
    @Bean
    RetryTierContainers pipelineRetryTiers(
            ObjectProvider<StageHandler> handlers,
            ObjectProvider<ConcurrentKafkaListenerContainerFactory<?, ?>> factory,
            KeepRemainingRecords keepRemainingRecords,
            RetrySettings retry,
            Clock clock) {
        return new RetryTierContainers(handlers, factory, keepRemainingRecords, retry, clock);
    }

    /** The lifecycle listener of a stage's {@link CancellationSubscriber}s, if it has any. */
    @Bean
    CancellationFeedContainer pipelineCancellationFeed(
            ObjectProvider<CancellationSubscriber> subscribers,
            ObjectProvider<StageHandler> stages,
            ObjectProvider<ConcurrentKafkaListenerContainerFactory<?, ?>> factory,
            EventCodec codec) {
        return new CancellationFeedContainer(subscribers, stages, factory, codec);
    }

    /** {@code kafka} in {@code /actuator/health}; the services put it in their readiness group where it matters. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class KafkaHealth {

        @Bean
        @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
        KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin, PipelineKafkaSettings settings) {
            return new KafkaHealthIndicator(admin.getConfigurationProperties(), settings.healthTimeout());
        }
    }

    @Bean
    EventPublisher eventPublisher(
            KafkaTemplate<String, byte[]> template, EventCodec codec, PipelineKafkaSettings settings) {
        return new EventPublisher(template, codec, settings.publishTimeout());
    }
}
