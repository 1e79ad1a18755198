package io.picturepipeline.ingest.outbox;

import io.picturepipeline.ingest.IngestSettings;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs the relay's sweep every {@code pipeline.ingest.outbox.sweep-interval} (fixed delay: sweeps never overlap). */
@Configuration(proxyBeanMethods = false)
class OutboxSchedule implements SchedulingConfigurer {

    private final OutboxRelay relay;
    private final IngestSettings settings;

    OutboxSchedule(OutboxRelay relay, IngestSettings settings) {
        this.relay = relay;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        var interval = settings.outbox().sweepInterval();
        registrar.addFixedDelayTask(new FixedDelayTask(relay::sweep, interval, interval));
    }
}
