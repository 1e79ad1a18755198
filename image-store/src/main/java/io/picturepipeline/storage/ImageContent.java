package io.picturepipeline.storage;

import java.io.IOException;
import java.io.InputStream;

/** An object opened for reading; the caller closes it (a served response does). */
public record ImageContent(StoredObject object, InputStream stream) implements AutoCloseable {

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
