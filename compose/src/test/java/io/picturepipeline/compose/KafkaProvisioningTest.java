package io.picturepipeline.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.schemas.Access;
import io.picturepipeline.schemas.TopicSpec;
import io.picturepipeline.schemas.Topics;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Kafka side of the deployment: the broker configuration that {@code kafka/broker-start.sh} renders from the
 * compose environment (the script is run here with {@code --print-config}), and what {@code kafka/init.sh} provisions:
 * one SCRAM user per service, exactly the topics of {@link Topics}, and exactly the ACLs of {@link Access}.
 */
class KafkaProvisioningTest {

    static final List<String> PRINCIPALS = Access.PRINCIPALS;

    /** One allowed operation: principal, operation, resource type, pattern type, resource name. */
    record Grant(String principal, String operation, String type, String pattern, String name) {
        static Grant of(Access.KafkaGrant grant) {
            String type = grant.type().name().toLowerCase(Locale.ROOT).replace('_', '-');
            return new Grant(grant.principal(), grant.operation(), type, "literal", grant.name());
        }

        @Override
        public String toString() {
            return principal + " " + operation + " " + type + " " + pattern + " " + name;
        }
    }

    private final String init = Repo.read(Repo.compose("kafka/init.sh"));
    private final ComposeFile compose = ComposeFile.main();

    /** The init script applies exactly the one definition, in its order: no second, hand-kept list. */
    @Test
    void initScriptGrantsExactlyTheAccessDefinition() {
        List<String> expected = Access.kafkaGrants().stream()
                .map(grant -> "acl " + Grant.of(grant))
                .toList();
        Matcher block = Pattern.compile("(?s)# BEGIN acls from io.picturepipeline.schemas.Access\n(.*?)# END acls")
                .matcher(init);
        assertThat(block.find()).as("the generated ACL block in kafka/init.sh").isTrue();
        assertThat(block.group(1).lines().toList())
                .as("kafka/init.sh between BEGIN and END must be exactly:%n%s", String.join("\n", expected))
                .containsExactlyElementsOf(expected);
        assertThat(aclLines()).as("no acl line outside the block").hasSize(expected.size());
    }

    @Test
    void eachStageMayReadTheLifecycleTopicInItsCancellationGroup() {
        Set<Grant> granted = aclLines();
        for (String stage : List.of(Access.GENERATION_CONSUMER, Access.DOWNLOAD_CONSUMER)) {
            assertThat(granted)
                    .contains(
                            new Grant(stage, "Read", "topic", "literal", Topics.LIFECYCLE),
                            new Grant(stage, "Read", "group", "literal", stage + "-cancellations"));
        }
    }

    @Test
    void opsMayUseTheTransactionalIdOfTheDeadLetterCli() {
        assertThat(aclLines())
                .contains(
                        new Grant(Access.OPS_CLI, "Write", "transactional-id", "literal", Access.OPS_TRANSACTIONAL_ID));
    }

    @Test
    void aclsNameOnlyTopicsThatExist() {
        Set<String> topics = new HashSet<>();
        Topics.all(12).forEach(spec -> topics.add(spec.name()));
        for (Grant grant : aclLines()) {
            if (grant.type().equals("topic") && grant.pattern().equals("literal")) {
                assertThat(topics).as(grant.toString()).contains(grant.name());
            }
            if (grant.type().equals("topic") && grant.pattern().equals("prefixed")) {
                assertThat(topics.stream().filter(topic -> topic.startsWith(grant.name())))
                        .as(grant.toString())
                        .hasSize(Topics.RETRY_TIERS);
            }
            assertThat(grant.operation()).isIn("Read", "Write", "IdempotentWrite");
            assertThat(grant.pattern()).as(grant.toString()).isEqualTo("literal");
        }
    }

    @Test
    void oneScramUserPerServiceWithItsOwnPassword() {
        Matcher user = Pattern.compile("(?m)^user (\\S+) \"\\$\\{(\\w+):-}\"$").matcher(init);
        Map<String, String> users = new LinkedHashMap<>();
        while (user.find()) {
            users.put(user.group(1), user.group(2));
        }
        assertThat(users.keySet()).containsExactlyElementsOf(PRINCIPALS);
        assertThat(new HashSet<>(users.values()))
                .as("distinct password variables")
                .hasSize(PRINCIPALS.size());
        Map<String, String> initEnvironment = compose.environment("kafka-init");
        users.forEach((principal, variable) -> {
            assertThat(initEnvironment).as("kafka-init receives " + variable).containsKey(variable);
            if (!principal.equals("ops-cli")) {
                assertThat(compose.environment(principal).get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"))
                        .as(principal + " uses the password kafka-init sets")
                        .contains("username=\"" + principal + "\"")
                        .contains("${" + variable + ":?");
            }
        });
        assertThat(init).contains("SCRAM-SHA-512=[iterations=8192,password=");
    }

    @Test
    void provisionsExactlyTheTopicsOfTheSchemas() {
        Map<String, String> variables = new TreeMap<>();
        Matcher assignment = Pattern.compile("(?m)^([A-Z_]+)=(-?\\d+)$").matcher(init);
        while (assignment.find()) {
            variables.put(assignment.group(1), assignment.group(2));
        }
        assertThat(variables)
                .containsEntry("TOPIC_PARTITIONS", "12")
                .containsEntry("TOPIC_REPLICATION_FACTOR", "3")
                .containsEntry("TOPIC_MIN_INSYNC_REPLICAS", "2");

        Map<String, String> provisioned = new TreeMap<>();
        Matcher topic =
                Pattern.compile("(?m)^topic (\\S+) \\$(\\w+)( compact)?$").matcher(init);
        while (topic.find()) {
            provisioned.put(
                    topic.group(1),
                    "retention.ms=" + variables.get(topic.group(2)) + " cleanup.policy="
                            + (topic.group(3) == null ? "delete" : "compact"));
        }
        Map<String, String> expected = new TreeMap<>();
        for (TopicSpec spec : Topics.all(Integer.parseInt(variables.get("TOPIC_PARTITIONS")))) {
            expected.put(spec.name(), "retention.ms=" + spec.retentionMs() + " cleanup.policy=" + cleanupPolicy(spec));
        }
        assertThat(provisioned).isEqualTo(expected);
        assertThat(init).contains("--config unclean.leader.election.enable=false");
    }

    @Test
    void brokerStartRendersTheDurableSecureConfiguration() throws Exception {
        Map<String, String> example = EnvFile.filledIn();
        for (String broker : ComposeFileTest.BROKERS) {
            Properties config = renderedConfig(compose.resolvedEnvironment(broker));
            String node = compose.resolvedEnvironment(broker).get("KAFKA_CFG_NODE_ID");
            assertThat(config)
                    .as(broker)
                    .containsEntry("node.id", node)
                    .containsEntry("process.roles", "broker,controller")
                    .containsEntry("default.replication.factor", "3")
                    .containsEntry("min.insync.replicas", "2")
                    .containsEntry("unclean.leader.election.enable", "false")
                    .containsEntry("auto.create.topics.enable", "false")
                    .containsEntry("offsets.topic.replication.factor", "3")
                    .containsEntry("transaction.state.log.min.isr", "2")
                    .containsEntry("inter.broker.listener.name", "INTERNAL")
                    .containsEntry("controller.listener.names", "CONTROLLER")
                    .containsEntry("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512")
                    .containsEntry("sasl.mechanism.controller.protocol", "PLAIN")
                    .containsEntry("listener.name.client.sasl.enabled.mechanisms", "SCRAM-SHA-512")
                    .containsEntry("listener.name.external.sasl.enabled.mechanisms", "SCRAM-SHA-512")
                    .containsEntry("super.users", "User:broker;User:controller;User:admin")
                    .containsEntry("allow.everyone.if.no.acl.found", "false")
                    .containsEntry("log.dirs", "/var/lib/kafka/data");
            assertThat(config.getProperty("listener.name.internal.scram-sha-512.sasl.jaas.config"))
                    .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"broker\" "
                            + "password=\"" + example.get("KAFKA_BROKER_PASSWORD") + "\";");
            assertThat(config.getProperty("listener.name.controller.plain.sasl.jaas.config"))
                    .contains(
                            "username=\"controller\"", "user_controller=\"" + example.get("KAFKA_CONTROLLER_PASSWORD"));
            for (String listener : List.of("client", "external")) {
                assertThat(config.getProperty("listener.name." + listener + ".scram-sha-512.sasl.jaas.config"))
                        .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required;");
            }
            assertThat(config.stringPropertyNames())
                    .as("only broker properties, no leaked helper variables")
                    .allSatisfy(key -> assertThat(key).matches("[a-z0-9._-]+"));
        }
    }

    @Test
    void noServicePrincipalIsASuperUser() {
        String superUsers = compose.resolvedEnvironment("kafka-1").get("KAFKA_CFG_SUPER_USERS");
        for (String principal : PRINCIPALS) {
            assertThat(superUsers).doesNotContain("User:" + principal);
        }
    }

    @Test
    void brokerStartBootstrapsTheScramUsersItNeedsToLogIn() {
        String start = Repo.read(Repo.compose("kafka/broker-start.sh"));
        assertThat(start)
                .contains("--add-scram \"SCRAM-SHA-512=[name=broker,password=${KAFKA_BROKER_PASSWORD}]\"")
                .contains("--add-scram \"SCRAM-SHA-512=[name=admin,password=${KAFKA_ADMIN_PASSWORD}]\"")
                .contains("--ignore-formatted")
                .contains("exec \"$kafka_home\"/bin/kafka-server-start.sh");
    }

    /**
     * {@code TopicSpec.cleanupPolicy()} came with the dead-letter audit topic; read reflectively so that this module
     * also compiles against an older installed {@code schemas} jar (the topic comparison then fails and says why).
     */
    private static String cleanupPolicy(TopicSpec spec) {
        try {
            return String.valueOf(TopicSpec.class.getMethod("cleanupPolicy").invoke(spec));
        } catch (NoSuchMethodException older) {
            return "delete";
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Set<Grant> aclLines() {
        Set<Grant> grants = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
        Matcher acl =
                Pattern.compile("(?m)^acl (\\S+) (\\S+) (\\S+) (\\S+) (\\S+)$").matcher(init);
        while (acl.find()) {
            for (String operation : acl.group(2).split(",")) {
                for (String name : acl.group(5).split(",")) {
                    Grant grant = new Grant(acl.group(1), operation, acl.group(3), acl.group(4), name);
                    assertThat(grants.add(grant)).as("granted twice: " + grant).isTrue();
                }
            }
        }
        return grants;
    }

    private static Properties renderedConfig(Map<String, String> environment) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of("bash", Repo.compose("kafka/broker-start.sh").toString(), "--print-config"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Properties properties = new Properties();
        properties.load(new StringReader(output));
        return properties;
    }
}
