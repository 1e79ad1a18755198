package io.picturepipeline.infra;

import io.picturepipeline.schemas.Access;
import io.picturepipeline.schemas.TopicSpec;
import io.picturepipeline.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Applies {@link Access} to a secured cluster as its super user: the pipeline's topics (replication factor 3,
 * {@code min.insync.replicas} 2, unclean leader election off), one SCRAM user per principal, and exactly the ACLs
 * of the definition. Idempotent: an existing topic is kept, users and ACLs are upserted.
 */
public final class KafkaAccess {

    static final int PARTITIONS = 12;
    private static final int SCRAM_ITERATIONS = 8192;

    private KafkaAccess() {}

    /** {@code passwords}: principal → its SCRAM password, for every principal of {@link Access#PRINCIPALS}. */
    public static void apply(Admin admin, int replicationFactor, Map<String, String> passwords) {
        createTopics(admin, (short) replicationFactor);
        List<UserScramCredentialUpsertion> users = new ArrayList<>();
        for (String principal : Access.PRINCIPALS) {
            String password = passwords.get(principal);
            RequiredPasswords.check(principal, password);
            users.add(new UserScramCredentialUpsertion(
                    principal, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password));
        }
        await(admin.alterUserScramCredentials(List.copyOf(users)).all(), "creating SCRAM users");
        await(admin.createAcls(aclBindings()).all(), "creating ACLs");
    }

    /**
     * The fault suite's principal with exactly {@link Access#faultSuiteGrants()}, on a stack the suite runs on (the
     * pipeline's principals are {@linkplain #apply applied} by then).
     */
    public static void applyFaultSuite(Admin admin, String password) {
        RequiredPasswords.check(Access.FAULT_SUITE, password);
        await(
                admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                                Access.FAULT_SUITE,
                                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
                                password)))
                        .all(),
                "creating the fault suite's SCRAM user");
        await(
                admin.createAcls(Access.faultSuiteGrants().stream()
                                .map(KafkaAccess::binding)
                                .toList())
                        .all(),
                "creating the fault suite's ACLs");
    }

    /** {@link Access#kafkaGrants()} as Kafka ACL bindings: allow, from any host, literal resources. */
    public static List<AclBinding> aclBindings() {
        return Access.kafkaGrants().stream().map(KafkaAccess::binding).toList();
    }

    static AclBinding binding(Access.KafkaGrant grant) {
        ResourceType type = switch (grant.type()) {
            case TOPIC -> ResourceType.TOPIC;
            case GROUP -> ResourceType.GROUP;
            case TRANSACTIONAL_ID -> ResourceType.TRANSACTIONAL_ID;
            case CLUSTER -> ResourceType.CLUSTER;
        };
        AclOperation operation = AclOperation.valueOf(
                grant.operation().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
        return new AclBinding(
                new ResourcePattern(type, grant.name(), PatternType.LITERAL),
                new AccessControlEntry("User:" + grant.principal(), "*", operation, AclPermissionType.ALLOW));
    }

    private static void createTopics(Admin admin, short replicationFactor) {
        Set<String> existing = await(admin.listTopics().names(), "listing topics");
        List<NewTopic> topics = new ArrayList<>();
        for (TopicSpec spec : Topics.all(PARTITIONS)) {
            if (!existing.contains(spec.name())) {
                topics.add(new NewTopic(spec.name(), spec.partitions(), replicationFactor)
                        .configs(Map.of(
                                "retention.ms", spec.retentionMs(),
                                "cleanup.policy", spec.cleanupPolicy(),
                                "min.insync.replicas", Integer.toString(Math.min(2, replicationFactor)),
                                "unclean.leader.election.enable", "false")));
            }
        }
        try {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "creating topics: " + e.getCause().getMessage(), e.getCause());
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("creating topics: " + e, e);
        }
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + ": no answer within 60 s", e);
        }
    }
}
