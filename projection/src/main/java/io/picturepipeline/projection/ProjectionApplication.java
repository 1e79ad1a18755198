package io.picturepipeline.projection;

import io.picturepipeline.retry.boot.ConfigName;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Profiles;

/**
 * The projection service: the lifecycle topic in, the read model in schema {@code projection} out. With the profile
 * {@code rebuild} it is a one-shot command instead: rebuild the read model from the topic, then exit.
 */
@SpringBootApplication
@ConfigName("projection")
@EnableConfigurationProperties(ProjectionSettings.class)
public class ProjectionApplication {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(ProjectionApplication.class, args);
        if (context.getEnvironment().acceptsProfiles(Profiles.of("rebuild"))) {
            System.exit(SpringApplication.exit(context));
        }
    }
}
