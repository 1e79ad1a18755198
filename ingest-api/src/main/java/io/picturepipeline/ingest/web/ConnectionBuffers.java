package io.picturepipeline.ingest.web;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The buffers Tomcat gives every connection, sized for what this API receives and sends. They are allocated when a
 * connection is accepted and kept until it closes, so an idle event stream costs all of them (112 KB of heap per
 * stream with Tomcat's defaults, 2026-12-03, docs/benchmarks.md). Each is smaller where that limits nothing the API
 * allows:
 *
 * <ul>
 *   <li>{@code socket.appReadBufSize} 2 KB (8 KB): requests are headers (at most
 *       {@code server.max-http-request-header-size}, 8 KB, which stays as it is: tokens of a few KB fit) and JSON bodies
 *       of at most 64 KiB; a request larger than the buffer is read in more, smaller reads. Tomcat's header buffer is
 *       this plus the header limit, so this counts twice.
 *   <li>{@code socket.appWriteBufSize} 4 KB (8 KB): a larger body (an image) is written in 4 KB writes.
 *   <li>{@code maxTrailerSize} 1 KB (8 KB): the trailer headers of a chunked request, allocated whether or not a
 *       request is chunked; no client of this API sends trailers.
 *   <li>the response buffer, 2 KB and 2 K chars (8 KB and 8 K chars, {@link LeanHttp11NioProtocol}): a larger answer
 *       is sent chunked instead of with a {@code Content-Length}.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class ConnectionBuffers {

    static final int READ_BUFFER = 2048;
    static final int WRITE_BUFFER = 4096;
    static final int MAX_TRAILER_SIZE = 1024;

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> leanConnectionBuffers() {
        return factory -> {
            factory.setProtocol(LeanHttp11NioProtocol.class.getName());
            factory.addConnectorCustomizers(connector -> {
                set(connector, "socket.appReadBufSize", READ_BUFFER);
                set(connector, "socket.appWriteBufSize", WRITE_BUFFER);
                set(connector, "maxTrailerSize", MAX_TRAILER_SIZE);
            });
        };
    }

    private static void set(org.apache.catalina.connector.Connector connector, String property, int value) {
        if (!connector.setProperty(property, Integer.toString(value))) {
            throw new IllegalStateException("Tomcat's connector has no property " + property);
        }
    }
}
