package io.picturepipeline.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Waiting for a child process to accept connections on a loopback port: ready enough for a server without a probe. */
final class ListeningPort {

    private ListeningPort() {}

    /**
     * Returns once {@code port} accepts a connection; throws when {@code process} exits first or {@code deadline} (the
     * end of its {@code timeout}) passes. {@code name} and {@code logFile} are for the messages.
     */
    static void await(Process process, int port, Instant deadline, Duration timeout, String name, Path logFile) {
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during startup, see " + logFile);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(name + " did not listen within " + timeout + ", see " + logFile);
                }
                try {
                    process.waitFor(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + name, e);
                }
            }
        }
    }
}
