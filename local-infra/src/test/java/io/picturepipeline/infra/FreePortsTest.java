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
        int ephemeralStart = FreePorts.ephemeralRangeStart();
        assertThat(ephemeralStart)
                .as("the start of the kernel's ephemeral range")
                .isEqualTo(Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                        .get(0)
                        .split("\\s+")[0]));

        int port = FreePorts.pick();

        assertThat(port).isBetween(10_000, ephemeralStart - 1);
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
            assertThat(FreePorts.isFree(port)).isFalse();
        }
    }
}
