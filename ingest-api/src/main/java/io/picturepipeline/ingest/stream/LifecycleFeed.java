package io.picturepipeline.ingest.stream;

import io.picturepipeline.ingest.IngestSettings;
import io.picturepipeline.retry.LifecycleRecords;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * This instance's live view of {@code pipeline.lifecycle}: a plain consumer with every partition assigned (no consumer
 * group, no offset commits), so a client may connect to any instance. It starts near the end (the last
 * {@code backfill-per-partition} records of each partition, to bridge the projection's lag), keeps the last records in
 * {@link RecentRecords}, learns owners, and fans every record out through the {@link StreamRegistry}. New partitions
 * are picked up by a periodic re-check.
 */
@Component
class LifecycleFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LifecycleFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RECHECK_PARTITIONS = Duration.ofMinutes(1);
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    private final ConsumerFactory<String, byte[]> consumers;
    private final EventCodec codec;
    private final OwnerDirectory owners;
    private final RecentRecords recent;
    private final StreamRegistry registry;
    private final int backfill;
    private final Map<Integer, Long> next = new HashMap<>();
    private volatile boolean running;
    private volatile boolean assigned;
    private volatile Consumer<String, byte[]> consumer;
    private Thread thread;

    @SuppressWarnings("unchecked")
    LifecycleFeed(
            ConsumerFactory<?, ?> consumers,
            EventCodec codec,
            OwnerDirectory owners,
            RecentRecords recent,
            StreamRegistry registry,
            IngestSettings settings) {
        this.consumers = (ConsumerFactory<String, byte[]>) consumers;
        this.codec = codec;
        this.owners = owners;
        this.recent = recent;
        this.registry = registry;
        this.backfill = settings.streams().backfillPerPartition();
    }

    /** True once every partition of the lifecycle topic is assigned and positioned. */
    boolean isAssigned() {
        return assigned;
    }

    /** The next offset of every partition the feed has not handed out yet (index = partition). */
    synchronized long[] positions() {
        int partitions =
                next.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        long[] positions = new long[partitions];
        next.forEach((partition, offset) -> positions[partition] = offset);
        return positions;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "lifecycle-feed");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the feed and ends every open stream, so clients resume on another instance rather than hold shutdown. */
    @Override
    public void stop() {
        running = false;
        registry.all().forEach(EventStream::close);
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        try (Consumer<String, byte[]> kafka = consumers.createConsumer(null, "ingest-sse-", null, overrides)) {
            consumer = kafka;
            // a new consumer has nothing assigned: after a stop and start the feed is positioned again from scratch
            FeedAssignment assignment = new FeedAssignment(backfill);
            assigned = false;
            long nextCheck = System.nanoTime();
            while (running) {
                try {
                    // until the feed is live every pass tries again; a failed re-check is retried on the next pass
                    if (!assigned || System.nanoTime() - nextCheck >= 0) {
                        assign(kafka, assignment);
                        nextCheck = System.nanoTime() + RECHECK_PARTITIONS.toNanos();
                    }
                    if (!assigned) {
                        LockSupport.parkNanos(PAUSE_AFTER_FAILURE.toNanos());
                        continue;
                    }
                    ConsumerRecords<String, byte[]> records = kafka.poll(POLL);
                    if (!records.isEmpty()) {
                        handle(records);
                    }
                } catch (WakeupException | InterruptException e) {
                    if (!running) {
                        break;
                    }
                } catch (RuntimeException e) {
                    log.warn(
                            "the lifecycle feed {} failed, retrying: {}",
                            assigned ? "(live)" : "(not live yet)",
                            e.toString());
                    LockSupport.parkNanos(PAUSE_AFTER_FAILURE.toNanos());
                }
            }
        } catch (RuntimeException e) {
            log.error("the lifecycle feed stopped; live event streams get no new events", e);
        } finally {
            consumer = null;
        }
    }

    /** Assigns every partition not assigned yet (see {@link FeedAssignment}); throws if that fails, to be retried. */
    private void assign(Consumer<String, byte[]> kafka, FeedAssignment assignment) {
        List<PartitionInfo> infos = kafka.partitionsFor(Topics.LIFECYCLE, KAFKA_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            if (!assigned) {
                log.warn("lifecycle feed: {} has no partitions yet, retrying", Topics.LIFECYCLE);
            }
            return;
        }
        List<TopicPartition> all = infos.stream()
                .map(info -> new TopicPartition(Topics.LIFECYCLE, info.partition()))
                .toList();
        Map<TopicPartition, Long> added = assignment.assign(kafka, all, KAFKA_TIMEOUT);
        if (added.isEmpty()) {
            return;
        }
        synchronized (this) {
            added.forEach((partition, start) -> next.put(partition.partition(), start));
        }
        assigned = true;
        log.info("lifecycle feed: {} partition(s) of {} assigned ({} new)", all.size(), Topics.LIFECYCLE, added.size());
    }

    private void handle(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> raw = new ArrayList<>(records.count());
        List<PipelineEvent> events = new ArrayList<>(records.count());
        Set<UUID> unknown = new LinkedHashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            PipelineEvent event = LifecycleRecords.decode(codec, record).orElse(null);
            raw.add(record);
            events.add(event);
            if (event instanceof GenerationRequested requested) {
                owners.learn(requested.generationId(), requested.owner());
            } else if (event instanceof ImagesGenerated generated) {
                owners.learn(generated.generationId(), generated.owner());
            }
        }
        for (PipelineEvent event : events) {
            if (event != null && owners.owner(event.generationId()) == null) {
                unknown.add(event.generationId());
            }
        }
        try {
            owners.resolve(unknown);
        } catch (RuntimeException e) {
            log.warn(
                    "cannot look up the owners of {} generation(s); per-user streams miss them: {}",
                    unknown.size(),
                    e.toString());
        }
        for (int i = 0; i < raw.size(); i++) {
            ConsumerRecord<String, byte[]> record = raw.get(i);
            PipelineEvent event = events.get(i);
            if (event != null) {
                LifecycleRecord lifecycle = new LifecycleRecord(
                        record.partition(), record.offset(), event, owners.owner(event.generationId()));
                recent.add(lifecycle);
                advance(record);
                registry.dispatch(lifecycle);
            } else {
                advance(record);
            }
        }
    }

    private synchronized void advance(ConsumerRecord<String, byte[]> record) {
        next.put(record.partition(), record.offset() + 1);
    }

    @Override
    public int getPhase() {
        // after the web server: streams are served once the feed runs, and the feed stops after them
        return Integer.MAX_VALUE - 100;
    }
}
