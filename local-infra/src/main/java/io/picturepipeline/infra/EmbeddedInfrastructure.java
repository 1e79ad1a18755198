package io.picturepipeline.infra;

import java.nio.file.Path;

/** The default: a broker process and PostgreSQL from Maven Central jars, no Docker, no installs. */
final class EmbeddedInfrastructure implements Infrastructure {

    private final LocalKafka kafka;
    private final LocalPostgres postgres;

    EmbeddedInfrastructure(Path dataDir) {
        this.postgres = LocalPostgres.start(dataDir.resolve("postgres"), 0);
        this.kafka = LocalKafka.start(dataDir.resolve("kafka"), 0);
    }

    @Override
    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    @Override
    public void stopKafka() {
        kafka.stop();
    }

    @Override
    public void startKafka() {
        kafka.start();
    }

    @Override
    public PostgresServer postgres() {
        return postgres;
    }

    @Override
    public void close() {
        kafka.close();
        postgres.close();
    }
}
