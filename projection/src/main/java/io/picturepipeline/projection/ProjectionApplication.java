package io.picturepipeline.projection;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The projection service: the lifecycle topic in, the read model in schema {@code projection} out. */
@SpringBootApplication
@EnableConfigurationProperties(ProjectionSettings.class)
public class ProjectionApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProjectionApplication.class, args);
    }
}
