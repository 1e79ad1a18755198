package io.picturepipeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackOptionsTest {

    @Test
    void theDefaultsAreTheRunCommandsShape() {
        StackOptions defaults = StackOptions.defaults();

        assertThat(defaults.brokers()).isEqualTo(1);
        assertThat(defaults.instancesOf("download-consumer")).isEqualTo(1);
        assertThat(defaults.propertiesOf("ingest-api")).isEmpty();
        assertThat(defaults.jvmOptionsOf("ingest-api")).isEmpty();
    }

    @Test
    void extraPropertiesReplaceTheStacksOwnOfTheSameKeyInPlace() {
        StackOptions options = StackOptions.defaults()
                .withProperties("download-consumer", "pipeline.download.trusted-internal-hosts=a:1,b:2")
                .withProperties("download-consumer", "--spring.kafka.consumer.max-poll-records=5");

        List<String> merged = ServiceProcess.merge(
                List.of("--server.port=1", "--pipeline.download.trusted-internal-hosts=127.0.0.1:8090"),
                options.propertiesOf("download-consumer"));

        assertThat(merged)
                .containsExactly(
                        "--server.port=1",
                        "--pipeline.download.trusted-internal-hosts=a:1,b:2",
                        "--spring.kafka.consumer.max-poll-records=5");
    }

    @Test
    void oneProcessRunsOneInstanceOfEachServiceInTheLocalProfileOnly() {
        assertThat(StackOptions.defaults().withOneProcess().oneProcess()).isTrue();
        assertThatThrownBy(() -> StackOptions.secureDefaults().withOneProcess())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--secure");
        assertThatThrownBy(() -> StackOptions.defaults().withOneProcess().withInstances("download-consumer", 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more instances");
    }

    @Test
    void isolatedPortsAreDistinctAndLeaveRoomForKafkasControllerPort() {
        int[] ports = StackSettings.distinctFreePorts(7);

        assertThat(ports).doesNotHaveDuplicates();
        for (int port : ports) {
            assertThat(ports).doesNotContain(port + 1);
        }
    }

    @Test
    void theRunCommandsServicesStartWithTheLaunchersJvmDefaultsAndTheProvidersPort() {
        StackSettings settings = StackSettings.defaults(Path.of("/checkout"), Map.of());
        ServiceArguments arguments = new ServiceArguments(settings, StackOptions.defaults(), false, null, null);

        assertThat(arguments.jvmOptionsOf("ingest-api")).isEqualTo(StackProcesses.DEFAULT_JVM_OPTIONS);
        assertThat(arguments.environmentOf("download-consumer")).containsEntry("PROVIDER_PORT", "8090");
        assertThat(StackOptions.defaults().processes().providerJvm()).isFalse();
        assertThat(StackOptions.defaults().processes().pipeline()).isTrue();
    }

    @Test
    void theOneJvmGetsTheDefaultsAGigabyteOfHeapAndEveryServicesJvmOptions() {
        StackOptions options = StackOptions.defaults()
                .withProcesses(StackProcesses.defaults().withJvmDefaults(List.of("-Xmx512m", "-XX:+UseSerialGC")))
                .withJvmOptions("ingest-api", "-Dsse=1")
                .withJvmOptions("projection", "-Xmx2g")
                .withOneProcess();
        ServiceArguments arguments = new ServiceArguments(
                StackSettings.defaults(Path.of("/checkout"), Map.of()), options, false, null, null);

        assertThat(arguments.oneProcessJvmOptions(LocalStack.SERVICES))
                .containsExactly("-Xmx512m", "-XX:+UseSerialGC", "-Xmx1g", "-Xmx2g", "-Dsse=1");
        assertThat(arguments.jvmOptionsOf("ingest-api")).containsExactly("-Xmx512m", "-XX:+UseSerialGC", "-Dsse=1");
    }
}
