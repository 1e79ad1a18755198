package io.picturepipeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.schemas.Access;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureStackTest {

    /**
     * Tried by hand on 2026-12-03: the download-consumer's and the projection's actuator ports of {@code ./pp up
     * --secure} answered on the machine's network address (their configuration names no management address, so
     * Spring Boot bound every interface), health with components and the Prometheus scrape included.
     */
    @Test
    void everyServicesActuatorPortListensOnTheLoopbackInterfaceOnly(@TempDir Path dir) {
        SecureStack secure = SecureStack.create(dir.resolve("secrets"));
        StackSettings settings = StackSettings.defaults(dir, Map.of());

        for (String module :
                List.of(Access.INGEST_API, Access.GENERATION_CONSUMER, Access.DOWNLOAD_CONSUMER, Access.PROJECTION)) {
            List<String> properties = secure.propertiesOf(module, settings);
            assertThat(properties).as(module).anyMatch(p -> p.startsWith("--management.server.port="));
            assertThat(properties).as(module).contains("--management.server.address=127.0.0.1");
        }
    }

    @Test
    void thePostgresSuperuserGetsARandomPasswordKeptWithTheOtherSecrets(@TempDir Path dir) throws Exception {
        SecureStack first = SecureStack.create(dir.resolve("first"));
        SecureStack second = SecureStack.create(dir.resolve("second"));

        assertThat(first.superuserPassword()).matches("[0-9a-f]{32}").isNotEqualTo(second.superuserPassword());
        assertThat(java.nio.file.Files.readString(first.directory().resolve("credentials.properties")))
                .contains("postgres.superuser=" + first.superuserPassword());
    }
}
