package io.picturepipeline.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports on loopback for servers started in another process, which binds the port some time after we picked it.
 *
 * <p>A port the kernel hands out for {@code bind(0)} comes from the ephemeral range, the same range every outgoing
 * connection takes its local port from: with hundreds of client connections opening and closing (a stack's services
 * and brokers talking to each other), a port picked free a second ago is now and then some connection's local port
 * when the broker binds it, and the broker exits with "Address already in use" (seen on CI). So the ports picked here
 * come from below the ephemeral range, where only listeners live.
 */
public final class FreePorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    private static final int ATTEMPTS = 1_000;

    private FreePorts() {}

    public static int pick() {
        int below = ephemeralRangeStart();
        for (int attempt = 0; attempt < ATTEMPTS && below > LOWEST; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (isFree(port)) {
                return port;
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Linux's configured start of the ephemeral range; IANA's 49152 where there is no such file. Read line by line:
     * {@code Files.readString} of this procfs file (size 0) gave "3" on JDK 17.0.15 here (2026-12-03), and every
     * port was then picked by the system, inside the ephemeral range.
     */
    static int ephemeralRangeStart() {
        try (var reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
            return Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 49_152;
        }
    }
}
