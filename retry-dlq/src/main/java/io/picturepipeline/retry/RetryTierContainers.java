package io.picturepipeline.retry;

import io.picturepipeline.schemas.Topics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * One listener container per retry tier of every {@link StageHandler} bean, consumer group
 * {@code <group>-retry-<tier>}, made by the application's listener container factory (so the shared error handler
 * and consumer settings apply; a stage that {@link StageHandler#keepsRemainingRecords() keeps remaining records}
 * gets {@link KeepRemainingRecords} instead of the shared error handler), with manual acknowledgement: a record is committed once handled or routed on.
 */
final class RetryTierContainers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetryTierContainers.class);

    private final ObjectProvider<StageHandler> handlers;
    private final ObjectProvider<ConcurrentKafkaListenerContainerFactory<?, ?>> factory;
    private final KeepRemainingRecords keepRemainingRecords;
    private final RetrySettings settings;
    private final Clock clock;
    private final List<ConcurrentMessageListenerContainer<?, ?>> containers = new ArrayList<>();
    private ScheduledExecutorService timer;
    private volatile boolean running;

    RetryTierContainers(
            ObjectProvider<StageHandler> handlers,
            ObjectProvider<ConcurrentKafkaListenerContainerFactory<?, ?>> factory,
            KeepRemainingRecords keepRemainingRecords,
            RetrySettings settings,
            Clock clock) {
        this.handlers = handlers;
        this.factory = factory;
        this.keepRemainingRecords = keepRemainingRecords;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        List<StageHandler> stages = handlers.orderedStream().toList();
        ConcurrentKafkaListenerContainerFactory<?, ?> containerFactory = factory.getIfAvailable();
        if (!stages.isEmpty() && containerFactory == null) {
            throw new IllegalStateException("stage handlers " + stages + " need a Kafka listener container factory");
        }
        if (!stages.isEmpty()) {
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "retry-tier-timer");
                thread.setDaemon(true);
                return thread;
            });
        }
        for (StageHandler stage : stages) {
            for (int tier = 0; tier < settings.tierDelays().size(); tier++) {
                containers.add(start(containerFactory, stage, tier));
            }
        }
        running = true;
    }

    private ConcurrentMessageListenerContainer<?, ?> start(
            ConcurrentKafkaListenerContainerFactory<?, ?> containerFactory, StageHandler stage, int tier) {
        String topic = Topics.retry(stage.stage().topic(), tier);
        String group = stage.group() + Topics.RETRY_SUFFIX + tier;
        ConcurrentMessageListenerContainer<?, ?> container = containerFactory.createContainer(topic);
        if (stage.keepsRemainingRecords()) {
            keepRemainingRecords.apply(container);
        }
        ContainerProperties properties = container.getContainerProperties();
        properties.setGroupId(group);
        properties.setClientId(group);
        properties.setAckMode(ContainerProperties.AckMode.MANUAL);
        container.setConcurrency(settings.tierConcurrency());
        container.setBeanName(group);
        RetryTierListener listener =
                new RetryTierListener(stage, settings.tierDelays().get(tier), clock, timer);
        listener.attach(container);
        container.setupMessageListener(listener);
        container.start();
        log.info(
                "consuming {} as {} (delay {})",
                topic,
                group,
                settings.tierDelays().get(tier));
        return container;
    }

    /** The running tier containers, for tests and diagnostics. */
    List<MessageListenerContainer> containers() {
        return List.copyOf(containers);
    }

    @Override
    public synchronized void stop() {
        containers.forEach(AbstractMessageListenerContainer::stop);
        containers.clear();
        if (timer != null) {
            timer.shutdownNow();
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
