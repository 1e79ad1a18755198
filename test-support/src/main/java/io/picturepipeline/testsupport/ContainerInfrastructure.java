package io.picturepipeline.testsupport;

import io.picturepipeline.infra.Infrastructure;
import io.picturepipeline.infra.PostgresServer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The same infrastructure from Docker images, for machines with a Docker engine. A broker outage is simulated by
 * pausing the container, which keeps its mapped port.
 */
final class ContainerInfrastructure implements Infrastructure {

    private final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");
    private final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");

    ContainerInfrastructure() {
        kafka.start();
        postgres.start();
    }

    @Override
    public String kafkaBootstrap() {
        return kafka.getBootstrapServers();
    }

    @Override
    public void stopKafka() {
        kafka.getDockerClient().pauseContainerCmd(kafka.getContainerId()).exec();
    }

    @Override
    public void startKafka() {
        kafka.getDockerClient().unpauseContainerCmd(kafka.getContainerId()).exec();
    }

    @Override
    public PostgresServer postgres() {
        return new PostgresServer() {
            @Override
            public String host() {
                return postgres.getHost();
            }

            @Override
            public int port() {
                return postgres.getFirstMappedPort();
            }

            @Override
            public String username() {
                return postgres.getUsername();
            }

            @Override
            public String password() {
                return postgres.getPassword();
            }
        };
    }

    @Override
    public void close() {
        kafka.stop();
        postgres.stop();
    }
}
