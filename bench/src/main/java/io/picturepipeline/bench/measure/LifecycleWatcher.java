package io.picturepipeline.bench.measure;

import io.picturepipeline.bench.load.RunRecorder;
import io.picturepipeline.schemas.EventHeaders;
import io.picturepipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Watches the lifecycle topic the way a client would learn of completions, without a consumer group (all partitions
 * assigned, from the end). A {@code GenerationCompleted} finishes its generation in the attached {@link RunRecorder}
 * at the moment the record arrives here; {@code GenerationFailed} and {@code GenerationCancelled} finish it as failed.
 * Reads only the key and the {@code pp-type} header, so it costs almost nothing. Also remembers when each event was
 * produced (the record timestamp), for SSE delivery latency.
 */
public final class LifecycleWatcher implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final Map<String, AtomicLong> byType = new ConcurrentHashMap<>();
    private final Map<String, Long> producedAt = new ConcurrentHashMap<>();
    private volatile @Nullable RunRecorder recorder;
    private volatile boolean rememberProduced;
    private volatile boolean running = true;
    private volatile long lastEventNanos = System.nanoTime();

    public LifecycleWatcher(String bootstrapServers) {
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        5_000,
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        50,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "bench-lifecycle-watcher"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        this.thread = new Thread(this::loop, "bench-lifecycle-watcher");
        this.thread.setDaemon(true);
    }

    public void start() throws InterruptedException {
        thread.start();
        if (!positioned.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the lifecycle watcher could not reach " + Topics.LIFECYCLE);
        }
    }

    public void attach(@Nullable RunRecorder recorder) {
        this.recorder = recorder;
    }

    public void rememberProducedTimes(boolean on) {
        this.rememberProduced = on;
        if (!on) {
            producedAt.clear();
        }
    }

    /** When the event {@code type} of generation {@code id} was produced (epoch millis), if seen. */
    public @Nullable Long producedAt(String id, String type) {
        return producedAt.get(id + "/" + type);
    }

    public Map<String, Long> countsByType() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        byType.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    private void loop() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.LIFECYCLE, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            positioned.countDown();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    lastEventNanos = now;
                    String type = type(record);
                    byType.computeIfAbsent(type, k -> new AtomicLong()).incrementAndGet();
                    if (rememberProduced && record.key() != null) {
                        producedAt.put(record.key() + "/" + type, record.timestamp());
                    }
                    RunRecorder current = recorder;
                    if (current == null || record.key() == null) {
                        continue;
                    }
                    switch (type) {
                        case "GenerationCompleted" -> current.finished(record.key(), now, true);
                        case "GenerationFailed", "GenerationCancelled" -> current.finished(record.key(), now, false);
                        default -> {}
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException stopping) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private static String type(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(EventHeaders.TYPE);
        return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * Waits until no lifecycle event has arrived for {@code quiet} (the previous run's stragglers are through), at
     * most {@code max}. Returns whether the pipeline went quiet.
     */
    public boolean awaitQuiet(Duration quiet, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (System.nanoTime() - lastEventNanos >= quiet.toNanos()) {
                return true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Whether no lifecycle event has arrived for {@code quiet}. */
    public boolean quietFor(Duration quiet) {
        return System.nanoTime() - lastEventNanos >= quiet.toNanos();
    }

    /** Epoch millis now, for comparing with record timestamps. */
    public static long nowMillis() {
        return Instant.now().toEpochMilli();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
