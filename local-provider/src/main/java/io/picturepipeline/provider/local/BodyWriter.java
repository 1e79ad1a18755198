package io.picturepipeline.provider.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/** Writes a file body honouring the body faults: throttled, padded to an oversized length, or endless. */
final class BodyWriter {

    private static final byte[] FILLER = new byte[64 * 1024];

    private final OutputStream out;
    private final long bytesPerSecond;
    private final long startNanos = System.nanoTime();
    private long written;

    private BodyWriter(OutputStream out, long bytesPerSecond) {
        this.out = out;
        this.bytesPerSecond = bytesPerSecond;
    }

    static void send(HttpExchange exchange, String contentType, byte[] content, Faults faults) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        long length = Math.max(content.length, faults.oversizedBodyBytes());
        exchange.sendResponseHeaders(200, faults.endlessBody() ? 0 : length);
        try (OutputStream out = exchange.getResponseBody()) {
            BodyWriter writer = new BodyWriter(out, faults.slowBodyBytesPerSecond());
            writer.write(content, content.length);
            long deadline = System.nanoTime() + Hanger.HANG_CAP.toNanos();
            while (faults.endlessBody() ? System.nanoTime() < deadline : writer.written < length) {
                writer.write(FILLER, (int)
                        Math.min(FILLER.length, faults.endlessBody() ? FILLER.length : length - writer.written));
            }
        }
    }

    /** Writes in slices of at most ~1/20 s worth of bytes, sleeping to hold the configured rate. */
    private void write(byte[] bytes, int length) throws IOException {
        int offset = 0;
        while (offset < length) {
            int slice = bytesPerSecond == 0
                    ? length - offset
                    : (int) Math.min(length - offset, Math.max(1, bytesPerSecond / 20));
            out.write(bytes, offset, slice);
            offset += slice;
            written += slice;
            pace();
        }
    }

    private void pace() throws IOException {
        if (bytesPerSecond == 0) {
            return;
        }
        long dueNanos = startNanos + written * TimeUnit.SECONDS.toNanos(1) / bytesPerSecond;
        long waitNanos = dueNanos - System.nanoTime();
        if (waitNanos > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(waitNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while throttling the body", e);
            }
        }
    }
}
