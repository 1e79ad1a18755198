package io.picturepipeline.retry.boot;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Sets {@code spring.config.name} from the {@link ConfigName} of the application's sources, before the config files
 * are read (it runs ahead of Spring Boot's {@code ConfigDataEnvironmentPostProcessor}), at the lowest precedence.
 */
public class ConfigNamePostProcessor implements EnvironmentPostProcessor, Ordered {

    private static final String PROPERTY = "spring.config.name";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(PROPERTY)) {
            return;
        }
        application.getAllSources().stream()
                .filter(Class.class::isInstance)
                .map(source -> ((Class<?>) source).getAnnotation(ConfigName.class))
                .filter(name -> name != null)
                .findFirst()
                .ifPresent(name -> environment
                        .getPropertySources()
                        .addLast(new MapPropertySource("configName", Map.of(PROPERTY, name.value()))));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
