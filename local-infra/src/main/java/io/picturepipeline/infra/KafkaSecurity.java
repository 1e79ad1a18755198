package io.picturepipeline.infra;

import java.util.Map;

/**
 * How the nodes of a secure {@link LocalKafkaCluster} authenticate and authorize: SASL/SCRAM-SHA-512 on the client
 * listener (which the brokers also use among themselves, as {@code User:broker}), SASL/PLAIN between brokers and the
 * controller ({@code User:controller}), {@code StandardAuthorizer} with {@code allow.everyone.if.no.acl.found=false}.
 * {@code User:admin} is the super user that creates topics, SCRAM users and ACLs; no service is a super user.
 */
public record KafkaSecurity(String brokerPassword, String controllerPassword, String adminPassword) {

    public static final String MECHANISM = "SCRAM-SHA-512";
    static final String SUPER_USERS = "User:broker;User:controller;User:admin";

    public KafkaSecurity {
        RequiredPasswords.check("broker", brokerPassword);
        RequiredPasswords.check("controller", controllerPassword);
        RequiredPasswords.check("admin", adminPassword);
    }

    /** Client settings of {@code user} on the client listener, as Kafka's Java clients take them. */
    public static Map<String, String> clientProperties(String user, String password) {
        return Map.of(
                "security.protocol",
                "SASL_PLAINTEXT",
                "sasl.mechanism",
                MECHANISM,
                "sasl.jaas.config",
                scramJaas(user, password));
    }

    public Map<String, String> adminProperties() {
        return clientProperties("admin", adminPassword);
    }

    static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    /** The settings every node of the cluster adds to its own. */
    Map<String, String> nodeSettings() {
        return Map.ofEntries(
                Map.entry("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT"),
                Map.entry("sasl.mechanism.controller.protocol", "PLAIN"),
                Map.entry("listener.name.controller.sasl.enabled.mechanisms", "PLAIN"),
                Map.entry(
                        "listener.name.controller.plain.sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"controller\""
                                + " password=\"" + controllerPassword + "\" user_controller=\"" + controllerPassword
                                + "\";"),
                Map.entry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer"),
                Map.entry("super.users", SUPER_USERS),
                Map.entry("allow.everyone.if.no.acl.found", "false"));
    }

    /** What a broker adds: the SCRAM client listener, also between brokers. */
    Map<String, String> brokerSettings() {
        return Map.ofEntries(
                Map.entry("inter.broker.listener.name", "CLIENT"),
                Map.entry("sasl.mechanism.inter.broker.protocol", MECHANISM),
                Map.entry("listener.name.client.sasl.enabled.mechanisms", MECHANISM),
                Map.entry("listener.name.client.scram-sha-512.sasl.jaas.config", scramJaas("broker", brokerPassword)));
    }

    /** The SCRAM users the storage format bootstraps into the metadata log, so that brokers and admin can log in. */
    String[] formatArguments() {
        return new String[] {
            "--add-scram", MECHANISM + "=[name=broker,password=" + brokerPassword + "]",
            "--add-scram", MECHANISM + "=[name=admin,password=" + adminPassword + "]"
        };
    }
}
