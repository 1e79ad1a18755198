package io.picturepipeline.ingest.stream;

import java.io.IOException;

/** Where one client's frames go: its open response. Throws when the client has gone away. */
public interface FrameSink {

    void send(Frame frame) throws IOException;

    /** Ends the response. */
    void complete();
}
