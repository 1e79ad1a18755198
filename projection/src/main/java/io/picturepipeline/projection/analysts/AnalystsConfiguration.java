package io.picturepipeline.projection.analysts;

import io.picturepipeline.projection.ProjectionSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class AnalystsConfiguration {

    /** Not in a rebuild ({@code ./pp rebuild-projection}): the live projection keeps watching. */
    @Bean
    @ConditionalOnProperty(name = "spring.kafka.listener.auto-startup", havingValue = "true", matchIfMissing = true)
    AnalystWatchdog analystWatchdog(JdbcClient jdbc, ProjectionSettings settings) {
        return new AnalystWatchdog(jdbc, settings.analysts());
    }
}
