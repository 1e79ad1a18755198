package io.picturepipeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherTest {

    @Test
    void theServicesListenOnTheLoopbackInterfaceUnlessToldOtherwise() {
        assertThat(Launcher.listenAddress(List.of(), Map.of())).isEqualTo("127.0.0.1");
        assertThat(Launcher.listenAddress(List.of(), Map.of("LISTEN_ADDRESS", "0.0.0.0")))
                .isEqualTo("0.0.0.0");
        assertThat(Launcher.listenAddress(List.of("--listen", "192.168.1.20"), Map.of("LISTEN_ADDRESS", "0.0.0.0")))
                .isEqualTo("192.168.1.20");
        assertThatThrownBy(() -> Launcher.listenAddress(List.of("--listen"), Map.of()))
                .hasMessageContaining("--listen needs an address");
    }

    @Test
    void everyServiceIsGivenTheListenAddress() {
        StackOptions options = Launcher.listening(StackOptions.defaults(), "0.0.0.0");

        for (String module : LocalStack.MODULES) {
            assertThat(options.propertiesOf(module)).as(module).containsExactly("--server.address=0.0.0.0");
        }
    }
}
