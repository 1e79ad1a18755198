package io.picturepipeline.ingest.stream;

import java.time.Duration;
import java.util.List;

/**
 * An event stream registered and replayed up to now, waiting for the response it writes to: {@link #start} hands it
 * the client's sink; {@link #close} ends it (the client went away, or the response timed out).
 */
public final class OpenedStream {

    private final EventStream stream;
    private final List<LifecycleRecord> replay;
    private final SenderPool senders;
    private final Duration reconnectDelay;
    private final Duration maxDuration;

    OpenedStream(
            EventStream stream,
            List<LifecycleRecord> replay,
            SenderPool senders,
            Duration reconnectDelay,
            Duration maxDuration) {
        this.stream = stream;
        this.replay = replay;
        this.senders = senders;
        this.reconnectDelay = reconnectDelay;
        this.maxDuration = maxDuration;
    }

    /** How long a response may stay open; the client reconnects after it. */
    public Duration maxDuration() {
        return maxDuration;
    }

    /** Writes the first frame, the replay and what arrived meanwhile to {@code sink}; live from then on. */
    public void start(FrameSink sink) {
        stream.start(sink, senders::senderFor, reconnectDelay.toMillis(), replay);
    }

    public void close() {
        stream.close();
    }
}
