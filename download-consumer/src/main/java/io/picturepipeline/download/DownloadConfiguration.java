package io.picturepipeline.download;

import io.picturepipeline.download.storage.FileSystemImageStorage;
import io.picturepipeline.download.storage.ImageStorage;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DownloadSettings.class)
class DownloadConfiguration {

    @Bean
    FetchPolicy fetchPolicy(DownloadSettings settings) {
        return FetchPolicy.of(settings.allowedHosts(), settings.trustedInternalHosts(), HostResolver.system());
    }

    @Bean
    SafeFetcher safeFetcher(FetchPolicy policy, DownloadSettings settings, Clock clock) {
        return new SafeFetcher(policy, settings.limits(), clock);
    }

    /** The default store; an S3-compatible one would be another bean for {@code pipeline.storage.type=s3}. */
    @Bean
    @ConditionalOnProperty(name = "pipeline.storage.type", havingValue = "filesystem", matchIfMissing = true)
    ImageStorage fileSystemImageStorage(
            @Value("${pipeline.storage.root:${IMAGE_STORE:.local/data/images}}") Path root) {
        return new FileSystemImageStorage(root);
    }
}
