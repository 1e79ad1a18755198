package io.picturepipeline.ingest.stream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One client's stream: of one generation ({@code generationId} set), of the generations of a batch ({@code
 * members}) or of all of an owner's generations.
 *
 * <p>Opening is gap-free and duplicate-free: the stream is registered first and buffers what the live feed
 * delivers; the replay (the projection's history and the recent ring, everything past the client's
 * {@code Last-Event-ID}) is sent; then the buffer; then live. Every record passes the {@link Cursor} (its offset must
 * lie past what was sent on its partition), then the event-id filter (a re-published duplicate carries the same
 * event id and is sent once), then the terminal filter (nothing of a generation after its terminal event). The
 * per-generation stream completes after the terminal event, the batch stream after the last of its members'.
 */
final class EventStream {

    enum Kind {
        GENERATION,
        BATCH,
        USER
    }

    private enum State {
        REPLAYING,
        LIVE,
        CLOSED
    }

    private static final int MAX_REMEMBERED_IDS = 10_000;

    private final Kind kind;
    private final String owner;
    private final @Nullable UUID generationId;
    private final Set<UUID> members;
    private final Cursor cursor;
    private final Function<Map<String, Object>, String> toJson;
    private final int maxBuffered;
    private final Set<UUID> sentEventIds = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > MAX_REMEMBERED_IDS;
        }
    });
    private final Set<UUID> finishedGenerations = new HashSet<>();
    private final List<LifecycleRecord> buffer = new ArrayList<>();
    private State state = State.REPLAYING;
    private @Nullable StreamSender sender;
    private @Nullable Runnable onClose;

    EventStream(
            Kind kind,
            String owner,
            @Nullable UUID generationId,
            Cursor cursor,
            Function<Map<String, Object>, String> toJson,
            int maxBuffered) {
        this(kind, owner, generationId, Set.of(), cursor, toJson, maxBuffered);
    }

    EventStream(
            Kind kind,
            String owner,
            @Nullable UUID generationId,
            Set<UUID> members,
            Cursor cursor,
            Function<Map<String, Object>, String> toJson,
            int maxBuffered) {
        this.kind = kind;
        this.owner = owner;
        this.generationId = generationId;
        this.members = Set.copyOf(members);
        this.cursor = cursor;
        this.toJson = toJson;
        this.maxBuffered = maxBuffered;
    }

    Kind kind() {
        return kind;
    }

    String owner() {
        return owner;
    }

    @Nullable
    UUID generationId() {
        return generationId;
    }

    /** The generations of a batch stream; empty for the other kinds. */
    Set<UUID> members() {
        return members;
    }

    /** Whether {@code record} belongs on this stream at all. */
    boolean wants(LifecycleRecord record) {
        return switch (kind) {
            case GENERATION -> record.generationId().equals(generationId);
            case BATCH -> members.contains(record.generationId());
            case USER -> owner.equals(record.owner());
        };
    }

    /** A record the client was sent before it reconnected: its id and terminal state count as sent. */
    synchronized void seed(LifecycleRecord seen) {
        sentEventIds.add(seen.eventId());
        if (seen.terminal()) {
            finishedGenerations.add(seen.generationId());
        }
    }

    synchronized boolean finished(UUID generation) {
        return finishedGenerations.contains(generation);
    }

    /** Whether every member of a batch stream has ended. */
    synchronized boolean allMembersFinished() {
        return finishedGenerations.containsAll(members);
    }

    /** From the live feed. */
    synchronized void offer(LifecycleRecord record) {
        switch (state) {
            case REPLAYING -> {
                buffer.add(record);
                if (buffer.size() > maxBuffered) {
                    close();
                }
            }
            case LIVE -> deliver(record);
            case CLOSED -> {
                // nothing more for this client
            }
        }
    }

    /**
     * Starts writing to {@code sink}: a first frame (the reconnection delay, and the headers on their way), the
     * replay, then what the feed delivered meanwhile; live from then on.
     */
    synchronized void start(
            FrameSink sink, StreamSenderFactory senders, long reconnectMillis, List<LifecycleRecord> replay) {
        this.sender = senders.create(sink, this::close);
        sender.send(Frame.connected(reconnectMillis));
        replay.forEach(this::deliver);
        // a copy: delivering a terminal event closes the stream, and closing clears the buffer
        List<LifecycleRecord> buffered = List.copyOf(buffer);
        buffer.clear();
        buffered.forEach(this::deliver);
        if (state == State.REPLAYING) {
            state = State.LIVE;
        }
    }

    synchronized void heartbeat() {
        if (state != State.CLOSED && sender != null) {
            sender.send(Frame.comment("heartbeat"));
        }
    }

    /** Called once, when the stream is closed for whatever reason (to unregister it). */
    synchronized void onClose(Runnable action) {
        this.onClose = action;
    }

    synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        buffer.clear();
        if (sender != null) {
            sender.complete();
        }
        if (onClose != null) {
            onClose.run();
        }
    }

    private void deliver(LifecycleRecord record) {
        if (state == State.CLOSED || !wants(record) || !cursor.advance(record)) {
            return;
        }
        if (finishedGenerations.contains(record.generationId()) || sentEventIds.contains(record.eventId())) {
            return;
        }
        Optional<ClientEvents.ClientEvent> event = ClientEvents.of(record.event());
        if (event.isEmpty()) {
            return;
        }
        sentEventIds.add(record.eventId());
        if (record.terminal()) {
            finishedGenerations.add(record.generationId());
        }
        sender.send(Frame.event(
                cursor.id(), event.get().name(), toJson.apply(event.get().data())));
        if (record.terminal()
                && (kind == Kind.GENERATION || kind == Kind.BATCH && finishedGenerations.containsAll(members))) {
            close();
        }
    }

    /** Makes the sender of a stream (the shared pool, the queue bound). */
    interface StreamSenderFactory {
        StreamSender create(FrameSink sink, Runnable onGone);
    }
}
