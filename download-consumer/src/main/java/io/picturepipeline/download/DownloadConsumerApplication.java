package io.picturepipeline.download;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The download stage: {@code pipeline.download} → SSRF-guarded fetch → image store → {@code GenerationCompleted}. */
@SpringBootApplication
public class DownloadConsumerApplication {

    public static void main(String[] args) {
        SpringApplication.run(DownloadConsumerApplication.class, args);
    }
}
