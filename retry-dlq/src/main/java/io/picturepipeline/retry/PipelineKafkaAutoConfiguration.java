package io.picturepipeline.retry;

import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.Topics;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * The wiring every pipeline service shares: records are String keys (the generation id) and JSON bytes decoded by
 * {@link EventCodec} in the listener, so a poison record is an exception we route, not a deserializer crash;
 * producers are durable (acks=all, idempotent); every topic of {@link Topics} is declared.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(PipelineKafkaSettings.class)
public class PipelineKafkaAutoConfiguration {

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
        return factory -> factory.updateConfigs(Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    @Bean
    KafkaAdmin.NewTopics pipelineTopics(PipelineKafkaSettings settings) {
        return new KafkaAdmin.NewTopics(Topics.all(settings.partitions()).stream()
                .map(spec -> new NewTopic(spec.name(), spec.partitions(), settings.replicationFactor())
                        .configs(Map.of(
                                "retention.ms", spec.retentionMs(),
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
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler pipelineErrorHandler(
            KafkaTemplate<String, byte[]> template, EventPublisher publisher, Clock clock) {
        return DeadLetterPolicy.errorHandler(template, publisher, clock);
    }

    @Bean
    EventPublisher eventPublisher(
            KafkaTemplate<String, byte[]> template, EventCodec codec, PipelineKafkaSettings settings) {
        return new EventPublisher(template, codec, settings.publishTimeout());
    }
}
