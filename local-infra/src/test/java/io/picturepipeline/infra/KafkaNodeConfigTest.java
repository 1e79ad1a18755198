package io.picturepipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.infra.LocalKafka.Role;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaNodeConfigTest {

    private static final Path DATA = Path.of("/tmp/kafka-node");

    @Test
    void theSingleNodeIsBrokerAndControllerOnTwoLoopbackPorts() {
        Map<String, String> settings =
                new KafkaNodeConfig(Role.COMBINED, 1, 19092, 19093, "1@127.0.0.1:19093", null, Map.of()).settings(DATA);

        assertThat(settings)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                .containsEntry("log.dirs", DATA.resolve("logs").toString())
                .containsEntry("auto.create.topics.enable", "false");
    }

    @Test
    void aControllerOfAClusterListensOnItsControllerPortOnlyAndOverridesComeLast() {
        Map<String, String> settings = new KafkaNodeConfig(
                        Role.CONTROLLER, 2, 0, 29093, "2@127.0.0.1:29093", null, Map.of("num.partitions", "3"))
                .settings(DATA);

        assertThat(settings)
                .containsEntry("process.roles", "controller")
                .containsEntry("node.id", "2")
                .containsEntry("listeners", "CONTROLLER://127.0.0.1:29093")
                .containsEntry("num.partitions", "3")
                .doesNotContainKey("advertised.listeners");
    }
}
