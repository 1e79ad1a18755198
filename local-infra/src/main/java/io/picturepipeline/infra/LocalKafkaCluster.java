package io.picturepipeline.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * Several real KRaft brokers, each its own process, with one dedicated controller process: the durable settings of a
 * real deployment (replication factor 3, {@code min.insync.replicas} 2, unclean leader election off) on one machine,
 * for fault tests that kill a partition leader or take brokers below the minimum ISR. Stopping brokers never takes
 * the controller quorum with them, so the cluster's metadata keeps moving (leaders are re-elected, ISRs shrink).
 */
public final class LocalKafkaCluster implements AutoCloseable {

    private static final int CONTROLLER_ID = 100;

    private final LocalKafka controller;
    private final List<LocalKafka> brokers;
    private final KafkaSecurity security;

    private LocalKafkaCluster(LocalKafka controller, List<LocalKafka> brokers, KafkaSecurity security) {
        this.controller = controller;
        this.brokers = List.copyOf(brokers);
        this.security = security;
    }

    /**
     * Starts a controller and {@code brokerCount} brokers (node ids 1..n) under {@code dataDir}, each with its own
     * data directory, with replication factor {@code min(3, n)} and {@code min.insync.replicas} {@code min(2, n)}
     * for the internal topics and as the default for new ones.
     */
    public static LocalKafkaCluster start(Path dataDir, int brokerCount) {
        return start(dataDir, brokerCount, null, 0);
    }

    /**
     * The same, secured by {@code security} (SASL/SCRAM, ACLs; {@code null}: none), the brokers on {@code basePort},
     * {@code basePort + 1}, … and the controller on {@code basePort + brokerCount} ({@code 0}: free ports). Data
     * kept in {@code dataDir} is reused on the next start (a secured cluster with the same security).
     */
    public static LocalKafkaCluster start(Path dataDir, int brokerCount, KafkaSecurity security, int basePort) {
        if (brokerCount < 1 || brokerCount > 9) {
            throw new IllegalArgumentException("a local cluster has 1 to 9 brokers, not " + brokerCount);
        }
        String clusterId = Uuid.randomUuid().toString();
        int controllerPort = basePort == 0 ? FreePorts.pick() : basePort + brokerCount;
        String voters = CONTROLLER_ID + "@127.0.0.1:" + controllerPort;
        String replicas = Integer.toString(Math.min(3, brokerCount));
        String minIsr = Integer.toString(Math.min(2, brokerCount));
        Map<String, String> durable = Map.ofEntries(
                Map.entry("default.replication.factor", replicas),
                Map.entry("min.insync.replicas", minIsr),
                Map.entry("offsets.topic.replication.factor", replicas),
                Map.entry("transaction.state.log.replication.factor", replicas),
                Map.entry("transaction.state.log.min.isr", minIsr),
                Map.entry("share.coordinator.state.topic.replication.factor", replicas),
                Map.entry("share.coordinator.state.topic.min.isr", minIsr),
                Map.entry("unclean.leader.election.enable", "false"));
        LocalKafka controller = LocalKafka.node(
                dataDir.resolve("controller"),
                LocalKafka.Role.CONTROLLER,
                CONTROLLER_ID,
                0,
                controllerPort,
                voters,
                clusterId,
                durable,
                security);
        List<LocalKafka> brokers = new ArrayList<>();
        for (int id = 1; id <= brokerCount; id++) {
            brokers.add(LocalKafka.node(
                    dataDir.resolve("broker-" + id),
                    LocalKafka.Role.BROKER,
                    id,
                    basePort == 0 ? FreePorts.pick() : basePort + id - 1,
                    controllerPort,
                    voters,
                    clusterId,
                    durable,
                    security));
        }
        LocalKafkaCluster cluster = new LocalKafkaCluster(controller, brokers, security);
        try {
            controller.start();
            brokers.parallelStream().forEach(LocalKafka::start);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Every broker, running or not: clients find the live ones. */
    public String bootstrapServers() {
        return brokers.stream().map(LocalKafka::bootstrapServers).collect(Collectors.joining(","));
    }

    public List<LocalKafka> brokers() {
        return brokers;
    }

    /** The broker with node id {@code nodeId} (1..n). */
    public LocalKafka broker(int nodeId) {
        return brokers.stream()
                .filter(b -> b.nodeId() == nodeId)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no broker " + nodeId));
    }

    public LocalKafka controller() {
        return controller;
    }

    /** The broker leading {@code topic}-{@code partition} now, if the partition has a leader. */
    public Optional<LocalKafka> leaderOf(String topic, int partition) {
        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(topic);
            return description.partitions().stream()
                    .filter(p -> p.partition() == partition)
                    .map(TopicPartitionInfo::leader)
                    .filter(leader -> leader != null && !leader.isEmpty())
                    .map(Node::id)
                    .findFirst()
                    .map(this::broker);
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe " + topic + ": " + e.getMessage(), e);
        }
    }

    /** The security of a secured cluster, or {@code null}. */
    public KafkaSecurity security() {
        return security;
    }

    /** An admin client of the super user (or of nobody, on a cluster without security); the caller closes it. */
    public Admin admin() {
        Map<String, Object> config = new HashMap<>(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
        if (security != null) {
            config.putAll(security.adminProperties());
        }
        return Admin.create(config);
    }

    @Override
    public void close() {
        brokers.parallelStream().forEach(LocalKafka::close);
        controller.close();
    }
}
