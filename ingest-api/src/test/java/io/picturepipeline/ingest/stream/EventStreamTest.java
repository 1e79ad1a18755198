package io.picturepipeline.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.schemas.GenerationCancelled;
import io.picturepipeline.schemas.GenerationProgressed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventStreamTest {

    @Test
    void aTerminalEventBufferedWhileReplayingIsSentAndEndsTheStream() {
        UUID generation = UUID.randomUUID();
        EventStream stream =
                new EventStream(EventStream.Kind.GENERATION, "u", generation, new Cursor.Offset(0), data -> "{}", 100);
        stream.offer(new LifecycleRecord(0, 1, GenerationProgressed.of(generation, Instant.now(), 50), "u"));
        stream.offer(new LifecycleRecord(0, 2, GenerationCancelled.of(generation, Instant.now(), "by the user"), "u"));
        stream.offer(new LifecycleRecord(0, 3, GenerationProgressed.of(generation, Instant.now(), 60), "u"));
        List<String> written = new ArrayList<>();
        boolean[] completed = {false};
        FrameSink sink = new FrameSink() {
            @Override
            public void send(Frame frame) {
                written.add(frame.name() != null ? frame.name() : "(no name)");
            }

            @Override
            public void complete() {
                completed[0] = true;
            }
        };

        stream.start(sink, (frames, onGone) -> new StreamSender(frames, Runnable::run, 100, onGone), 3_000, List.of());

        assertThat(written).containsExactly("(no name)", "progress", "cancelled");
        assertThat(completed[0]).isTrue();
    }
}
