package io.picturepipeline.retry;

import io.picturepipeline.testsupport.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@link FakeStageApplication} on the real broker, with backoff tiers of a few hundred milliseconds. Every
 * subclass shares this one application context: keep this the only configuration.
 */
@SpringBootTest(
        classes = FakeStageApplication.class,
        properties = {
            "spring.kafka.consumer.auto-offset-reset=earliest",
            "pipeline.kafka.replication-factor=1",
            "pipeline.kafka.min-insync-replicas=1",
            "pipeline.kafka.partitions=3",
            "pipeline.retry.tier-delays=300ms,600ms,900ms",
            "pipeline.retry.max-attempts=4",
            "pipeline.retry.in-place-backoff=50ms",
            "logging.level.org.apache.kafka=warn"
        })
public abstract class FakeStageTest {

    static final java.util.List<java.time.Duration> TIERS = java.util.List.of(
            java.time.Duration.ofMillis(300), java.time.Duration.ofMillis(600), java.time.Duration.ofMillis(900));

    @org.springframework.beans.factory.annotation.Autowired
    @org.springframework.beans.factory.annotation.Qualifier("fakeStage")
    private FakeStage fakeStage;

    /** The stage behind {@code pipeline.download} and its retry tiers. */
    protected FakeStage stage() {
        return fakeStage;
    }

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.kafka.bootstrap-servers",
                () -> TestInfrastructure.shared().kafkaBootstrap());
    }
}
