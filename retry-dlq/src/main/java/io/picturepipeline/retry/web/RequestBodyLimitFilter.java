package io.picturepipeline.retry.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a request body larger than {@code maxBytes} with 413 problem+json: at once when {@code Content-Length}
 * says so (nothing is read), and otherwise while reading (a chunked body, or one longer than it claimed), so that no
 * reader ever holds more than {@code maxBytes} of one request, whatever the client sends.
 */
final class RequestBodyLimitFilter implements Filter {

    static final String EXCEEDED = RequestBodyLimitFilter.class.getName() + ".exceeded";

    private final long maxBytes;

    RequestBodyLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)) {
            chain.doFilter(request, response);
            return;
        }
        if (http.getContentLengthLong() > maxBytes) {
            refuse(http, httpResponse);
            return;
        }
        try {
            chain.doFilter(new Limited(http, maxBytes), new Guarded(httpResponse, http));
        } finally {
            // whatever the application made of the failed read (a 400, a 500) was discarded: the answer is the 413
            if (http.getAttribute(EXCEEDED) != null && !httpResponse.isCommitted()) {
                httpResponse.reset();
                refuse(http, httpResponse);
            }
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(413);
        response.setContentType("application/problem+json");
        response.setHeader("Connection", "close");
        byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                        + "\"detail\":\"The request body is larger than " + maxBytes + " bytes.\","
                        + "\"instance\":\"" + jsonString(request.getRequestURI()) + "\","
                        + "\"errors\":[{\"field\":\"body\",\"message\":\"must be at most " + maxBytes + " bytes\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    private static String jsonString(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * The response as the application sees it: once the body went past the cap, whatever the application answers
     * (its error for the failed read) is dropped, so that the response stays uncommitted for the 413.
     */
    private static final class Guarded extends HttpServletResponseWrapper {

        private final HttpServletRequest request;
        private ServletOutputStream discarding;
        private PrintWriter discardingWriter;

        Guarded(HttpServletResponse response, HttpServletRequest request) {
            super(response);
            this.request = request;
        }

        private boolean refused() {
            return request.getAttribute(EXCEEDED) != null;
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            if (!refused()) {
                super.sendError(status, message);
            }
        }

        @Override
        public void sendError(int status) throws IOException {
            if (!refused()) {
                super.sendError(status);
            }
        }

        @Override
        public void setStatus(int status) {
            if (!refused()) {
                super.setStatus(status);
            }
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!refused()) {
                super.flushBuffer();
            }
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (!refused()) {
                return super.getOutputStream();
            }
            if (discarding == null) {
                discarding = new Discarding();
            }
            return discarding;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (!refused()) {
                return super.getWriter();
            }
            if (discardingWriter == null) {
                discardingWriter = new PrintWriter(OutputStream.nullOutputStream());
            }
            return discardingWriter;
        }
    }

    private static final class Discarding extends ServletOutputStream {

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] bytes, int offset, int length) {}

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {}
    }

    /** The request with a body that stops at {@code maxBytes}; past it, every read fails. */
    private static final class Limited extends HttpServletRequestWrapper {

        private final long maxBytes;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), maxBytes, this);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long maxBytes;
        private final HttpServletRequest request;
        private long read;

        CountingStream(ServletInputStream in, long maxBytes, HttpServletRequest request) {
            this.in = in;
            this.maxBytes = maxBytes;
            this.request = request;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > maxBytes) {
                request.setAttribute(EXCEEDED, Boolean.TRUE);
                throw new RequestBodyTooLargeException(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
