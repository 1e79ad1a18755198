package io.picturepipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void aPickedPortIsBelowTheEphemeralRangeAndCanBeBound() throws IOException {
        // read as a line: Files.readString of this procfs file gave "3" on JDK 17.0.15 (2026-12-03)
        int ephemeralStart = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                .get(0)
                .trim()
                .split("\\s+")[0]);

        int port = FreePorts.pick();

        assertThat(port).isBetween(10_000, ephemeralStart - 1);
        assertThat(FreePorts.ephemeralRangeStart()).isEqualTo(ephemeralStart);
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
            assertThat(FreePorts.isFree(port)).isFalse();
        }
    }
}
