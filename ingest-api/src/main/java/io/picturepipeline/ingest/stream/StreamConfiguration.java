package io.picturepipeline.ingest.stream;

import io.picturepipeline.ingest.IngestSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedRateTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** The shared parts of the event streams: the recent-records ring and the heartbeat. */
@Configuration(proxyBeanMethods = false)
class StreamConfiguration implements SchedulingConfigurer {

    private final IngestSettings.Streams settings;
    private final StreamRegistry registry;

    StreamConfiguration(IngestSettings settings, StreamRegistry registry) {
        this.settings = settings.streams();
        this.registry = registry;
    }

    @Bean
    RecentRecords recentLifecycleRecords() {
        return new RecentRecords(settings.recentRecords());
    }

    /** A comment line on every open stream every {@code heartbeat}: keeps idle connections open through proxies. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedRateTask(new FixedRateTask(
                () -> registry.all().forEach(EventStream::heartbeat), settings.heartbeat(), settings.heartbeat()));
    }
}
