package io.picturepipeline.storage;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The {@link ImageStorage} that {@code pipeline.storage.type} selects, for every service that depends on us. */
@AutoConfiguration
@EnableConfigurationProperties(StorageSettings.class)
class ImageStoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ImageStorage imageStorage(StorageSettings settings) {
        return ImageStorage.of(settings);
    }
}
