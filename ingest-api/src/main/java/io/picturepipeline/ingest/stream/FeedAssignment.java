package io.picturepipeline.ingest.stream;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The feed's start-up state: which partitions it reads and where each starts. The first partitions start near their
 * end (the last {@code backfill} records), partitions added later at their beginning. A partition counts only once it
 * is assigned <em>and</em> positioned: the offsets are fetched before anything is assigned, so a lookup that fails or
 * times out leaves the consumer as it was and the next call retries the same partitions.
 */
final class FeedAssignment {

    private final int backfill;
    private final Set<TopicPartition> positioned = new LinkedHashSet<>();

    FeedAssignment(int backfill) {
        this.backfill = backfill;
    }

    /** True once at least one partition is assigned and positioned. */
    boolean live() {
        return !positioned.isEmpty();
    }

    /**
     * Assigns and positions the partitions of {@code all} not positioned yet; returns where each new one starts (empty
     * if there were none). Throws, with the consumer unchanged, if their offsets cannot be fetched within {@code timeout}.
     */
    Map<TopicPartition, Long> assign(Consumer<?, ?> kafka, List<TopicPartition> all, Duration timeout) {
        List<TopicPartition> added = all.stream()
                .filter(partition -> !positioned.contains(partition))
                .toList();
        if (added.isEmpty()) {
            return Map.of();
        }
        boolean first = positioned.isEmpty();
        Map<TopicPartition, Long> end = kafka.endOffsets(added, timeout);
        Map<TopicPartition, Long> beginning = kafka.beginningOffsets(added, timeout);
        Map<TopicPartition, Long> starts = new LinkedHashMap<>();
        for (TopicPartition partition : added) {
            Long from = beginning.get(partition);
            Long to = end.get(partition);
            if (from == null || to == null) {
                // a zero timeout answers with an empty map instead of throwing
                throw new TimeoutException("no offsets for " + partition + " within " + timeout);
            }
            starts.put(partition, first ? Math.max(from, to - backfill) : from);
        }
        Set<TopicPartition> assignment = new LinkedHashSet<>(positioned);
        assignment.addAll(added);
        kafka.assign(assignment);
        starts.forEach(kafka::seek);
        positioned.addAll(added);
        return starts;
    }
}
