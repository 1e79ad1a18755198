package io.picturepipeline.infra;

import java.nio.file.Path;
import java.util.Map;

/** A running Kafka broker and PostgreSQL server, wherever they come from. */
public interface Infrastructure extends AutoCloseable {

    /** A broker process and PostgreSQL from Maven Central jars, their data under {@code dataDir}: no Docker. */
    static Infrastructure embedded(Path dataDir) {
        return new EmbeddedInfrastructure(dataDir);
    }

    String kafkaBootstrap();

    /** Stops the broker, keeping its data, so clients see it gone (a broker outage). */
    void stopKafka();

    /** Brings a stopped broker back on the same address with the same data. */
    void startKafka();

    PostgresServer postgres();

    /** Spring Boot properties pointing a service at this infrastructure and the given database. */
    default Map<String, String> springProperties(String database) {
        return Map.of(
                "spring.kafka.bootstrap-servers", kafkaBootstrap(),
                "spring.datasource.url", postgres().jdbcUrl(database),
                "spring.datasource.username", postgres().username(),
                "spring.datasource.password", postgres().password());
    }

    @Override
    void close();
}
