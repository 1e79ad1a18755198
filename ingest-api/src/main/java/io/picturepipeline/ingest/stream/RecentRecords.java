package io.picturepipeline.ingest.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The last lifecycle records this instance's feed saw, in a ring. A reconnecting client is replayed from the
 * projection's history and from here, so events the projection has not applied yet are not missed.
 */
final class RecentRecords {

    private final LifecycleRecord[] ring;
    private int next;
    private int size;

    RecentRecords(int capacity) {
        this.ring = new LifecycleRecord[capacity];
    }

    synchronized void add(LifecycleRecord record) {
        if (ring.length == 0) {
            return;
        }
        ring[next] = record;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    /** The records kept that match, oldest first. */
    synchronized List<LifecycleRecord> matching(Predicate<LifecycleRecord> filter) {
        List<LifecycleRecord> found = new ArrayList<>();
        int start = (next - size + ring.length) % Math.max(ring.length, 1);
        for (int i = 0; i < size; i++) {
            LifecycleRecord record = ring[(start + i) % ring.length];
            if (filter.test(record)) {
                found.add(record);
            }
        }
        return found;
    }
}
