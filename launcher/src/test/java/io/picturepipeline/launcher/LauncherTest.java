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

        for (String module : LocalStack.SERVICES) {
            assertThat(options.propertiesOf(module)).as(module).containsExactly("--server.address=0.0.0.0");
        }
    }

    @Test
    void theLocalStackSharesOneJvmUnlessEachServiceIsAskedForItsOwn() {
        assertThat(Launcher.oneProcess(List.of())).isTrue();
        assertThat(Launcher.oneProcess(List.of("--listen", "0.0.0.0"))).isTrue();
        assertThat(Launcher.oneProcess(List.of("--one-process"))).isTrue();
        assertThat(Launcher.oneProcess(List.of("--process-per-service"))).isFalse();
        assertThat(Launcher.oneProcess(List.of("--secure"))).isFalse();
    }

    @Test
    void contradictoryOrUnknownArgumentsAreRefusedWithTheUsage() {
        assertThatThrownBy(() -> Launcher.oneProcess(List.of("--secure", "--one-process")))
                .hasMessageContaining("the secure stack runs one process per service");
        assertThatThrownBy(() -> Launcher.oneProcess(List.of("--one-process", "--process-per-service")))
                .hasMessageContaining("choose one");
        assertThatThrownBy(() -> Launcher.oneProcess(List.of("--per-service")))
                .hasMessageContaining("usage: ./pp up [--secure | --process-per-service]");
    }
}
