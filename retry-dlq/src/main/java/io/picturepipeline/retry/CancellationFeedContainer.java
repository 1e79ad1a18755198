package io.picturepipeline.retry;

import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.Topics;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * The listener container of the {@link CancellationFeed}, when the service has {@link CancellationSubscriber}s: one
 * consumer on {@code pipeline.lifecycle}, group {@code <stage group>-cancellations} (the group {@code Access} grants),
 * made by the application's container factory so the shared error handler applies.
 */
final class CancellationFeedContainer implements SmartLifecycle {

    static final String GROUP_SUFFIX = "-cancellations";

    private final ObjectProvider<CancellationSubscriber> subscribers;
    private final ObjectProvider<StageHandler> stages;
    private final ObjectProvider<ConcurrentKafkaListenerContainerFactory<?, ?>> factory;
    private final EventCodec codec;
    private @Nullable ConcurrentMessageListenerContainer<?, ?> container;
    private volatile boolean running;

    CancellationFeedContainer(
            ObjectProvider<CancellationSubscriber> subscribers,
            ObjectProvider<StageHandler> stages,
            ObjectProvider<ConcurrentKafkaListenerContainerFactory<?, ?>> factory,
            EventCodec codec) {
        this.subscribers = subscribers;
        this.stages = stages;
        this.factory = factory;
        this.codec = codec;
    }

    @Override
    public synchronized void start() {
        running = true;
        List<CancellationSubscriber> all = subscribers.orderedStream().toList();
        if (all.isEmpty()) {
            return;
        }
        List<StageHandler> stage = stages.orderedStream().toList();
        if (stage.size() != 1) {
            throw new IllegalStateException(
                    "a cancellation feed names its group after the service's one stage handler," + " found " + stage);
        }
        String group = stage.get(0).group() + GROUP_SUFFIX;
        container = factory.getObject().createContainer(Topics.LIFECYCLE);
        ContainerProperties properties = container.getContainerProperties();
        properties.setGroupId(group);
        properties.setClientId(group);
        properties.setAckMode(ContainerProperties.AckMode.BATCH);
        Properties consumer = new Properties();
        consumer.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        properties.setKafkaConsumerProperties(consumer);
        container.setConcurrency(1);
        container.setBeanName(group);
        container.setupMessageListener(new CancellationFeed(codec, all));
        container.start();
    }

    @Override
    public synchronized void stop() {
        if (container != null) {
            container.stop();
            container = null;
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE;
    }
}
