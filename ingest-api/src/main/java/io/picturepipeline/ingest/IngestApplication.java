package io.picturepipeline.ingest;

import io.picturepipeline.retry.boot.ConfigName;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The REST front door of the pipeline: accepts generations, serves the read model and the stored images. */
@SpringBootApplication
@ConfigName("ingest-api")
@ConfigurationPropertiesScan
@EnableScheduling
public class IngestApplication {

    public static void main(String[] args) {
        SpringApplication.run(IngestApplication.class, args);
    }
}
