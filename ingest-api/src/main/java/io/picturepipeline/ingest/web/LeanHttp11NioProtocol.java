package io.picturepipeline.ingest.web;

import org.apache.coyote.http11.Http11NioProtocol;

/**
 * Tomcat's NIO HTTP/1.1 connector with a smaller response buffer: {@value #RESPONSE_BUFFER} bytes (and as many chars)
 * instead of 8,192. Every connection holds one such buffer for as long as it is open, and an open event stream holds
 * its connection for minutes; the API's answers are a few KB of JSON, and larger bodies (images, long pages) are
 * written through the buffer, not held in it. Tomcat has no setting for this: it asks the protocol handler for its
 * desired buffer size. Public because Tomcat loads it by name ({@link ConnectionBuffers}).
 */
public class LeanHttp11NioProtocol extends Http11NioProtocol {

    static final int RESPONSE_BUFFER = 2048;

    @Override
    public int getDesiredBufferSize() {
        return RESPONSE_BUFFER;
    }
}
