package io.picturepipeline.ingest.stream;

import java.util.Arrays;

/**
 * Where a stream stands on {@code pipeline.lifecycle}, and the SSE event id that says so. A record below the cursor
 * was sent already (or is not the client's): refused. Records of one partition arrive in offset order from every
 * source (the projection's history, the recent ring, the live feed), so "below" is exact.
 */
interface Cursor {

    /** Moves past {@code record}; false when the stream is already past it. */
    boolean advance(LifecycleRecord record);

    /** The SSE id after the last advance. */
    String id();

    /**
     * The per-generation stream: one partition holds all of a generation's events, so its offset is the id.
     * {@code Last-Event-ID: 41} resumes from offset 42.
     */
    final class Offset implements Cursor {

        private long next;

        Offset(long next) {
            this.next = next;
        }

        @Override
        public boolean advance(LifecycleRecord record) {
            if (record.offset() < next) {
                return false;
            }
            next = record.offset() + 1;
            return true;
        }

        @Override
        public String id() {
            return Long.toString(next - 1);
        }
    }

    /** The per-user stream: the next offset of every partition (see {@link StreamPosition}). */
    final class Vector implements Cursor {

        private long[] next;

        Vector(long[] next) {
            this.next = next.clone();
        }

        long next(int partition) {
            return partition < next.length ? next[partition] : 0;
        }

        @Override
        public boolean advance(LifecycleRecord record) {
            int partition = record.partition();
            if (partition >= StreamPosition.MAX_PARTITIONS || record.offset() < next(partition)) {
                return false;
            }
            if (partition >= next.length) {
                next = Arrays.copyOf(next, partition + 1);
            }
            next[partition] = record.offset() + 1;
            return true;
        }

        @Override
        public String id() {
            return StreamPosition.encode(next);
        }
    }
}
