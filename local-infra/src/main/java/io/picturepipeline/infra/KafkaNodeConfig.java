package io.picturepipeline.infra;

import io.picturepipeline.infra.LocalKafka.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code server.properties} of one local Kafka node: the listeners of its {@link Role}, the local single-replica
 * defaults, the SASL/SCRAM and ACL settings of {@link KafkaSecurity} (when given), then the caller's overrides.
 */
record KafkaNodeConfig(
        Role role,
        int nodeId,
        int port,
        int controllerPort,
        String quorumVoters,
        KafkaSecurity security,
        Map<String, String> overrides) {

    /** Writes {@code server.properties} into {@code dataDir} and returns its path. */
    Path write(Path dataDir) throws IOException {
        Properties config = new Properties();
        config.putAll(settings(dataDir));
        Path file = dataDir.resolve("server.properties");
        try (var out = Files.newOutputStream(file)) {
            config.store(
                    out,
                    role == Role.COMBINED
                            ? "written by local-infra; single-node local profile, not for production"
                            : "written by local-infra; node " + nodeId
                                    + " of a local test cluster, not for production");
        }
        return file;
    }

    /** The node's settings: its role's listeners, the local defaults, then security and the overrides. */
    Map<String, String> settings(Path dataDir) {
        Map<String, String> settings = new LinkedHashMap<>();
        switch (role) {
            case COMBINED ->
                settings.putAll(Map.ofEntries(
                        Map.entry("process.roles", "broker,controller"),
                        Map.entry("node.id", Integer.toString(nodeId)),
                        Map.entry("controller.quorum.voters", quorumVoters),
                        Map.entry(
                                "listeners",
                                "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                        Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port)));
            case CONTROLLER ->
                settings.putAll(Map.ofEntries(
                        Map.entry("process.roles", "controller"),
                        Map.entry("node.id", Integer.toString(nodeId)),
                        Map.entry("controller.quorum.voters", quorumVoters),
                        Map.entry("listeners", "CONTROLLER://127.0.0.1:" + controllerPort)));
            case BROKER -> {
                String listener = (security != null ? "CLIENT" : "PLAINTEXT") + "://127.0.0.1:" + port;
                settings.putAll(Map.ofEntries(
                        Map.entry("process.roles", "broker"),
                        Map.entry("node.id", Integer.toString(nodeId)),
                        Map.entry("controller.quorum.voters", quorumVoters),
                        Map.entry("listeners", listener),
                        Map.entry("advertised.listeners", listener)));
            }
        }
        settings.putAll(Map.ofEntries(
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", dataDir.resolve("logs").toString()),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("num.partitions", "12"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "12"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("unclean.leader.election.enable", "false")));
        if (security != null) {
            settings.putAll(security.nodeSettings());
            if (role == Role.BROKER) {
                settings.putAll(security.brokerSettings());
            }
        }
        settings.putAll(overrides);
        return settings;
    }
}
