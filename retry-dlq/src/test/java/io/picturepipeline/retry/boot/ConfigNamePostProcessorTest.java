package io.picturepipeline.retry.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ConfigNamePostProcessorTest {

    @ConfigName("ingest-api")
    static class NamedService {}

    static class UnnamedService {}

    private final ConfigNamePostProcessor processor = new ConfigNamePostProcessor();

    @Test
    void theNameOnTheApplicationClassBecomesTheConfigName() {
        StandardEnvironment environment = new StandardEnvironment();

        processor.postProcessEnvironment(environment, new SpringApplication(NamedService.class));

        assertThat(environment.getProperty("spring.config.name")).isEqualTo("ingest-api");
    }

    @Test
    void anExplicitConfigNameWins() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("args", Map.of("spring.config.name", "other")));

        processor.postProcessEnvironment(environment, new SpringApplication(NamedService.class));

        assertThat(environment.getProperty("spring.config.name")).isEqualTo("other");
    }

    @Test
    void anApplicationWithoutOneKeepsSpringBootsDefault() {
        StandardEnvironment environment = new StandardEnvironment();

        processor.postProcessEnvironment(environment, new SpringApplication(UnnamedService.class));

        assertThat(environment.containsProperty("spring.config.name")).isFalse();
    }
}
