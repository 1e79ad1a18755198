package io.picturepipeline.launcher;

import io.picturepipeline.infra.KafkaAccess;
import io.picturepipeline.infra.LocalKafka;
import io.picturepipeline.infra.LocalKafkaCluster;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;

/**
 * The stack's Kafka: the single local broker, a cluster of several, or the secure stack's cluster with SASL/SCRAM,
 * topics, users and ACLs from {@code Access}.
 */
final class StackKafka implements AutoCloseable {

    private final LocalKafka single;
    private final LocalKafkaCluster cluster;

    private StackKafka(LocalKafka single, LocalKafkaCluster cluster) {
        this.single = single;
        this.cluster = cluster;
    }

    static StackKafka start(
            StackSettings settings, StackOptions options, SecureStack secure, Consumer<String> progress) {
        if (secure != null) {
            progress.accept("starting a Kafka cluster of " + options.brokers() + " brokers with SASL/SCRAM and ACLs");
            LocalKafkaCluster cluster = LocalKafkaCluster.start(
                    settings.dataDir().resolve("kafka-cluster"), options.brokers(), secure.kafkaSecurity(), 0);
            try (Admin admin = cluster.admin()) {
                KafkaAccess.apply(admin, Math.min(3, options.brokers()), secure.kafkaPasswords());
            }
            secure.writeOpsConfig(cluster.bootstrapServers());
            progress.accept("Kafka brokers on " + cluster.bootstrapServers() + ", topics, users and ACLs from Access");
            return new StackKafka(null, cluster);
        }
        if (options.brokers() == 1) {
            progress.accept("starting Kafka on " + settings.kafkaBootstrap());
            return new StackKafka(LocalKafka.start(settings.dataDir().resolve("kafka"), settings.kafkaPort()), null);
        }
        progress.accept("starting a Kafka cluster of " + options.brokers() + " brokers");
        LocalKafkaCluster cluster =
                LocalKafkaCluster.start(settings.dataDir().resolve("kafka-cluster"), options.brokers());
        progress.accept("Kafka brokers on " + cluster.bootstrapServers());
        return new StackKafka(null, cluster);
    }

    /** The single broker, or {@code null} for a cluster. */
    LocalKafka single() {
        return single;
    }

    /** The cluster, or {@code null} for the single broker. */
    LocalKafkaCluster cluster() {
        return cluster;
    }

    /** The running brokers' processes: {@code kafka-broker} for the single one, {@code kafka-<node>} in a cluster. */
    Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (single != null) {
            single.pid().ifPresent(pid -> pids.put("kafka-broker", pid));
        } else {
            cluster.brokers().forEach(b -> b.pid().ifPresent(pid -> pids.put("kafka-" + b.nodeId(), pid)));
        }
        return pids;
    }

    @Override
    public void close() {
        if (single != null) {
            single.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}
