package io.picturepipeline.generation;

import io.picturepipeline.retry.boot.ConfigName;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The generate stage: {@code pipeline.generate} → provider prediction → {@code pipeline.download}. */
@SpringBootApplication
@ConfigName("generation-consumer")
@EnableScheduling
@EnableConfigurationProperties(GenerationSettings.class)
public class GenerationConsumerApplication {

    public static void main(String[] args) {
        SpringApplication.run(GenerationConsumerApplication.class, args);
    }
}
