package io.picturepipeline.download;

import io.picturepipeline.retry.boot.ConfigName;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The download stage: {@code pipeline.download} → SSRF-guarded fetch → image store → {@code GenerationCompleted}. */
@SpringBootApplication
@ConfigName("download-consumer")
public class DownloadConsumerApplication {

    public static void main(String[] args) {
        SpringApplication.run(DownloadConsumerApplication.class, args);
    }
}
