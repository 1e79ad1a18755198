package io.picturepipeline.oneprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceArgumentsTest {

    private static final List<String> SERVICES = List.of("ingest-api", "projection");

    @Test
    void aPrefixedArgumentIsThatServicesOnlyAndReplacesTheCommonOneWithItsKey() {
        ServiceArguments arguments = ServiceArguments.parse(
                List.of(
                        "--spring.profiles.active=local",
                        "--server.port=8080",
                        "--projection.server.port=8083",
                        "--ingest-api.pipeline.ingest.limits.hourly=5"),
                SERVICES);

        assertThat(arguments.of("projection")).containsExactly("--spring.profiles.active=local", "--server.port=8083");
        assertThat(arguments.of("ingest-api"))
                .containsExactly(
                        "--spring.profiles.active=local", "--server.port=8080", "--pipeline.ingest.limits.hourly=5");
    }

    @Test
    void anArgumentThatIsNoKeyValuePairIsRefused() {
        assertThatThrownBy(() -> ServiceArguments.parse(List.of("--debug"), SERVICES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--debug");
    }
}
