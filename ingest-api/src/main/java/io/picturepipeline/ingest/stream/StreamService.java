package io.picturepipeline.ingest.stream;

import io.picturepipeline.ingest.IngestSettings;
import io.picturepipeline.ingest.generation.GenerationNotFound;
import io.picturepipeline.ingest.generation.GenerationQueries;
import io.picturepipeline.ingest.refusal.InvalidRequestException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opens event streams. The order is what makes them exact: register (live records start to buffer), read the
 * history (the projection's log, then this instance's recent records), split it at the client's position (what lies
 * below was sent before: remembered, so a re-published duplicate is not sent again; what lies above is replayed),
 * then start (replay, buffer, live).
 */
@Service
public class StreamService {

    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final Comparator<LifecycleRecord> LOG_ORDER =
            Comparator.comparingInt(LifecycleRecord::partition).thenComparingLong(LifecycleRecord::offset);

    private final GenerationQueries generations;
    private final EventHistory history;
    private final RecentRecords recent;
    private final LifecycleFeed feed;
    private final StreamRegistry registry;
    private final SenderPool senders;
    private final JsonMapper json;
    private final Clock clock;
    private final IngestSettings.Streams settings;

    StreamService(
            GenerationQueries generations,
            EventHistory history,
            RecentRecords recent,
            LifecycleFeed feed,
            StreamRegistry registry,
            SenderPool senders,
            JsonMapper json,
            Clock clock,
            IngestSettings settings) {
        this.generations = generations;
        this.history = history;
        this.recent = recent;
        this.feed = feed;
        this.registry = registry;
        this.senders = senders;
        this.json = json;
        this.clock = clock;
        this.settings = settings.streams();
    }

    /**
     * The events of one of the owner's generations: everything after {@code lastEventId} (an offset; all of them
     * without one), then live until its terminal event. Empty when the client has seen the terminal event already.
     */
    public Optional<OpenedStream> generation(String owner, UUID id, @Nullable String lastEventId) {
        generations.find(id, owner).orElseThrow(() -> new GenerationNotFound(id));
        long seen = lastEventId == null ? -1 : parseOffset(lastEventId);
        EventStream stream = new EventStream(
                EventStream.Kind.GENERATION,
                owner,
                id,
                new Cursor.Offset(seen + 1),
                this::toJson,
                settings.sendQueue());
        register(stream);
        return resume(
                stream,
                () -> history.ofGeneration(id, owner),
                record -> record.offset() <= seen,
                () -> stream.finished(id));
    }

    /**
     * The events of all the owner's generations: after {@code lastEventId} (a position vector), or from now on
     * without one.
     */
    public OpenedStream user(String owner, @Nullable String lastEventId) {
        long[] position = lastEventId == null
                ? feed.positions()
                : StreamPosition.decode(lastEventId)
                        .orElseThrow(
                                () -> new InvalidRequestException(LAST_EVENT_ID, "is not an event id of this stream"));
        Cursor.Vector cursor = new Cursor.Vector(position);
        EventStream stream =
                new EventStream(EventStream.Kind.USER, owner, null, cursor, this::toJson, settings.sendQueue());
        register(stream);
        try {
            List<LifecycleRecord> replay = new ArrayList<>();
            for (LifecycleRecord record :
                    merged(history.ofOwner(owner, clock.instant().minus(settings.replayWindow())), stream)) {
                if (record.offset() < cursor.next(record.partition())) {
                    stream.seed(record);
                } else {
                    replay.add(record);
                }
            }
            return start(stream, replay);
        } catch (RuntimeException e) {
            registry.unregister(stream);
            throw e;
        }
    }

    /**
     * The events of the generations of one of the owner's batches (its ownership checked by the caller): after
     * {@code lastEventId} (a position vector), all of them without one; ends when every generation has ended. Empty
     * when the client has seen every terminal event already.
     */
    public Optional<OpenedStream> batch(String owner, List<UUID> members, @Nullable String lastEventId) {
        long[] position = lastEventId == null
                ? new long[0]
                : StreamPosition.decode(lastEventId)
                        .orElseThrow(
                                () -> new InvalidRequestException(LAST_EVENT_ID, "is not an event id of this stream"));
        Cursor.Vector cursor = new Cursor.Vector(position);
        EventStream stream = new EventStream(
                EventStream.Kind.BATCH, owner, null, Set.copyOf(members), cursor, this::toJson, settings.sendQueue());
        register(stream);
        return resume(
                stream,
                () -> history.ofGenerations(members, owner),
                record -> record.offset() < cursor.next(record.partition()),
                stream::allMembersFinished);
    }

    /**
     * Seeds the registered {@code stream} with the stored events its client has {@code seen}, replays the others and
     * goes live; empty, and unregistered, when the stream is {@code finished} already (or failed to open).
     */
    private Optional<OpenedStream> resume(
            EventStream stream,
            Supplier<List<LifecycleRecord>> stored,
            Predicate<LifecycleRecord> seen,
            BooleanSupplier finished) {
        try {
            List<LifecycleRecord> replay = new ArrayList<>();
            for (LifecycleRecord record : merged(stored.get(), stream)) {
                if (seen.test(record)) {
                    stream.seed(record);
                } else {
                    replay.add(record);
                }
            }
            if (finished.getAsBoolean()) {
                registry.unregister(stream);
                return Optional.empty();
            }
            return Optional.of(start(stream, replay));
        } catch (RuntimeException e) {
            registry.unregister(stream);
            throw e;
        }
    }

    private void register(EventStream stream) {
        registry.register(stream);
        stream.onClose(() -> registry.unregister(stream));
    }

    /** The history and the recent records of the stream, each record once, in log order. */
    private List<LifecycleRecord> merged(List<LifecycleRecord> fromHistory, EventStream stream) {
        Map<String, LifecycleRecord> byPosition = new LinkedHashMap<>();
        for (LifecycleRecord record : fromHistory) {
            byPosition.putIfAbsent(record.partition() + ":" + record.offset(), record);
        }
        for (LifecycleRecord record : recent.matching(stream::wants)) {
            byPosition.putIfAbsent(record.partition() + ":" + record.offset(), record);
        }
        return byPosition.values().stream().sorted(LOG_ORDER).toList();
    }

    private OpenedStream start(EventStream stream, List<LifecycleRecord> replay) {
        return new OpenedStream(stream, replay, senders, settings.reconnectDelay(), settings.maxDuration());
    }

    private static long parseOffset(String lastEventId) {
        return parseLong(lastEventId)
                .filter(offset -> offset >= 0)
                .orElseThrow(() -> new InvalidRequestException(LAST_EVENT_ID, "is not an event id of this stream"));
    }

    private static Optional<Long> parseLong(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String toJson(Map<String, Object> data) {
        return json.writeValueAsString(data);
    }
}
