package io.picturepipeline.schemas;

import java.util.ArrayList;
import java.util.List;

/**
 * Who may do what, declared once: the Kafka principals (one SCRAM user per service and one for ops) with every ACL
 * they get, the PostgreSQL login roles (one per service, owning its schema) with what they may read elsewhere, and
 * who may read or write the image store's bucket.
 * Every path that sets up a cluster applies this: the secure local stack ({@code ./pp up --secure}) and its tests
 * through {@code local-infra}, and compose, whose {@code kafka/init.sh} the compose tests check against it. Topic
 * names come from {@link Topics}; consumer groups follow the services' {@code <service>}, {@code
 * <service>-retry-<n>} and {@code <service>-cancellations} convention.
 */
public final class Access {

    public static final String INGEST_API = "ingest-api";
    public static final String GENERATION_CONSUMER = "generation-consumer";
    public static final String DOWNLOAD_CONSUMER = "download-consumer";
    public static final String PROJECTION = "projection";
    public static final String OPS_CLI = "ops-cli";

    /**
     * The ingest-api's consumer group delivering client webhooks from {@link Topics#WEBHOOK} (its retry tiers use
     * {@code <group>-retry-<n>}).
     */
    public static final String WEBHOOK_GROUP = INGEST_API + "-webhooks";

    /** The ingest-api's consumer group turning lifecycle events into webhook deliveries. */
    public static final String WEBHOOK_EVENTS_GROUP = INGEST_API + "-webhook-events";

    /** The transactional id of the ops CLI's replays and resolves ({@code ops-cli}'s {@code Operator}). */
    public static final String OPS_TRANSACTIONAL_ID = "pp-dlq-cli";

    /**
     * The fault suite's principal, on a secure local stack the suite runs on (see {@link #faultSuiteGrants()}); no
     * service's and not one compose creates: compose never runs the suite.
     */
    public static final String FAULT_SUITE = "fault-suite";

    /** The read-only role of analysts; the projection's migration grants it its views. */
    public static final String ANALYST_ROLE = "analyst";

    /** The Kafka principals ({@code User:<name>}), services first. */
    public static final List<String> PRINCIPALS =
            List.of(INGEST_API, GENERATION_CONSUMER, DOWNLOAD_CONSUMER, PROJECTION, OPS_CLI);

    /** The pipeline services, each a Kafka principal and a PostgreSQL login role. */
    public static final List<String> SERVICES = PRINCIPALS.subList(0, 4);

    private Access() {}

    /** What a grant names. */
    public enum ResourceType {
        TOPIC,
        GROUP,
        TRANSACTIONAL_ID,
        CLUSTER
    }

    /** One allowed operation on one literal resource (Kafka's {@code AclOperation} by name: Read, Write, …). */
    public record KafkaGrant(String principal, String operation, ResourceType type, String name) {

        public static final String CLUSTER_NAME = "kafka-cluster";

        @Override
        public String toString() {
            return principal + " " + operation + " " + type.name().toLowerCase().replace('_', '-') + " " + name;
        }
    }

    /**
     * A service's PostgreSQL login role: it owns {@code schema} and may read, besides, exactly {@code reads}
     * ({@code schema.table}, tables another service owns, as {@code docs/architecture.md} allows).
     */
    public record DatabaseRole(String service, String role, String schema, List<String> reads) {
        public DatabaseRole {
            reads = List.copyOf(reads);
        }
    }

    /** Every ACL of every principal. Read and Write imply Describe; nothing is prefixed, nothing is a wildcard. */
    public static List<KafkaGrant> kafkaGrants() {
        Grants g = new Grants();

        // ingest-api: the outbox relay writes requests and their lifecycle events; the SSE feed reads the lifecycle
        // topic by assign() (no group); webhooks: lifecycle events become deliveries on the webhook topic (a lifecycle
        // record that keeps failing there is dead-lettered), delivered with the webhook stage's tiers and dead letters
        g.topics(INGEST_API, "Write", Topics.GENERATE, Topics.LIFECYCLE, Topics.WEBHOOK);
        g.topics(INGEST_API, "Read", Topics.LIFECYCLE, Topics.WEBHOOK);
        List<String> webhookGroups = new ArrayList<>(List.of(WEBHOOK_GROUP, WEBHOOK_EVENTS_GROUP));
        for (int tier = 0; tier < Topics.RETRY_TIERS; tier++) {
            g.topics(INGEST_API, "Read", Topics.retry(Topics.WEBHOOK, tier));
            g.topics(INGEST_API, "Write", Topics.retry(Topics.WEBHOOK, tier));
            webhookGroups.add(WEBHOOK_GROUP + Topics.RETRY_SUFFIX + tier);
        }
        g.topics(INGEST_API, "Write", Topics.deadLetter(Topics.WEBHOOK), Topics.deadLetter(Topics.LIFECYCLE));
        g.groups(INGEST_API, webhookGroups.toArray(String[]::new));
        g.producer(INGEST_API);

        stage(g, GENERATION_CONSUMER, Stage.GENERATE, Topics.DOWNLOAD, Topics.LIFECYCLE);
        stage(g, DOWNLOAD_CONSUMER, Stage.DOWNLOAD, Topics.LIFECYCLE);

        // projection: reads the lifecycle topic; a record it cannot apply goes to the lifecycle dead-letter topic
        g.topics(PROJECTION, "Read", Topics.LIFECYCLE);
        g.topics(PROJECTION, "Write", Topics.deadLetter(Topics.LIFECYCLE));
        g.groups(PROJECTION, PROJECTION);
        g.producer(PROJECTION);

        // ops-cli: reads every dead-letter topic and the audit by assign() (no group); replays into the stage topics,
        // announces on the lifecycle topic and records in the audit, each in one transaction of its transactional id
        List<String> deadLetters = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            deadLetters.add(Topics.deadLetter(stage.topic()));
        }
        deadLetters.add(Topics.deadLetter(Topics.LIFECYCLE));
        g.topics(OPS_CLI, "Read", deadLetters.toArray(String[]::new));
        g.topics(OPS_CLI, "Read", Topics.DLT_AUDIT);
        g.topics(
                OPS_CLI, "Write", Topics.GENERATE, Topics.DOWNLOAD, Topics.WEBHOOK, Topics.LIFECYCLE, Topics.DLT_AUDIT);
        g.add(OPS_CLI, "Write", ResourceType.TRANSACTIONAL_ID, OPS_TRANSACTIONAL_ID);
        g.producer(OPS_CLI);
        return g.list();
    }

    /**
     * What the fault suite needs beyond ops, which reads no lifecycle record, writes no retry tier and may see no
     * consumer group: it reads the lifecycle topic and every dead-letter topic (the invariants), plants records, poison
     * included, on each stage's input, the first tier of each stage's retries and the lifecycle topic (as a stage
     * upstream or a hostile producer would), and measures the lag of the pipeline's groups (Describe: it joins none).
     */
    public static List<KafkaGrant> faultSuiteGrants() {
        Grants g = new Grants();
        g.topics(FAULT_SUITE, "Read", Topics.LIFECYCLE, Topics.deadLetter(Topics.LIFECYCLE));
        g.topics(FAULT_SUITE, "Write", Topics.LIFECYCLE);
        List<String> groups = new ArrayList<>(List.of(PROJECTION));
        for (Stage stage : Stage.values()) {
            g.topics(FAULT_SUITE, "Read", Topics.deadLetter(stage.topic()));
        }
        for (Stage stage : List.of(Stage.GENERATE, Stage.DOWNLOAD)) {
            String service = stage == Stage.GENERATE ? GENERATION_CONSUMER : DOWNLOAD_CONSUMER;
            g.topics(FAULT_SUITE, "Write", stage.topic(), Topics.retry(stage.topic(), 0));
            groups.add(service);
            for (int tier = 0; tier < Topics.RETRY_TIERS; tier++) {
                if (tier > 0) {
                    g.add(FAULT_SUITE, "Describe", ResourceType.TOPIC, Topics.retry(stage.topic(), tier));
                }
                groups.add(service + Topics.RETRY_SUFFIX + tier);
            }
        }
        groups.forEach(group -> g.add(FAULT_SUITE, "Describe", ResourceType.GROUP, group));
        g.producer(FAULT_SUITE);
        return g.list();
    }

    /**
     * A stage reads its topic and its retry tiers (group {@code <service>}, {@code <service>-retry-<n>}), writes the
     * tiers, its dead-letter topic and {@code next}, and watches the lifecycle topic for owners' cancels (group
     * {@code <service>-cancellations}). The shared error handler dead-letters a lifecycle record that keeps failing.
     */
    private static void stage(Grants g, String service, Stage stage, String... next) {
        g.topics(service, "Read", stage.topic());
        List<String> groups = new ArrayList<>(List.of(service));
        for (int tier = 0; tier < Topics.RETRY_TIERS; tier++) {
            g.topics(service, "Read", Topics.retry(stage.topic(), tier));
            g.topics(service, "Write", Topics.retry(stage.topic(), tier));
            groups.add(service + Topics.RETRY_SUFFIX + tier);
        }
        g.topics(service, "Write", Topics.deadLetter(stage.topic()));
        g.topics(service, "Write", next);
        g.topics(service, "Read", Topics.LIFECYCLE);
        g.topics(service, "Write", Topics.deadLetter(Topics.LIFECYCLE));
        groups.add(service + "-cancellations");
        g.groups(service, groups.toArray(String[]::new));
        g.producer(service);
    }

    /** What a principal may do in the image store's bucket. */
    public enum StorageAccess {
        READ,
        READ_WRITE
    }

    /** One principal's key pair of the image store (the S3 server's own identities, not IAM policies). */
    public record StorageGrant(String principal, StorageAccess access) {}

    /**
     * The image store: the download-consumer writes images, the ingest-api only serves them, ops may look ({@code aws
     * s3 ls}). The others have no key at all.
     */
    public static List<StorageGrant> storageGrants() {
        return List.of(
                new StorageGrant(DOWNLOAD_CONSUMER, StorageAccess.READ_WRITE),
                new StorageGrant(INGEST_API, StorageAccess.READ),
                new StorageGrant(OPS_CLI, StorageAccess.READ));
    }

    public static StorageGrant storageGrant(String principal) {
        return storageGrants().stream()
                .filter(grant -> grant.principal().equals(principal))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no image store key for " + principal));
    }

    /** One login role per service, named like the schema it owns. */
    public static List<DatabaseRole> databaseRoles() {
        return List.of(
                new DatabaseRole(
                        INGEST_API,
                        "ingest",
                        "ingest",
                        List.of("projection.generation_v1", "projection.generation_event_v1")),
                new DatabaseRole(GENERATION_CONSUMER, "generation", "generation", List.of()),
                new DatabaseRole(DOWNLOAD_CONSUMER, "download", "download", List.of()),
                new DatabaseRole(PROJECTION, "projection", "projection", List.of()));
    }

    public static DatabaseRole databaseRole(String service) {
        return databaseRoles().stream()
                .filter(role -> role.service().equals(service))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no database role for " + service));
    }

    private static final class Grants {
        private final List<KafkaGrant> list = new ArrayList<>();

        void add(String principal, String operation, ResourceType type, String name) {
            KafkaGrant grant = new KafkaGrant(principal, operation, type, name);
            if (list.contains(grant)) {
                throw new IllegalStateException("granted twice: " + grant);
            }
            list.add(grant);
        }

        void topics(String principal, String operation, String... topics) {
            for (String topic : topics) {
                add(principal, operation, ResourceType.TOPIC, topic);
            }
        }

        void groups(String principal, String... groups) {
            for (String group : groups) {
                add(principal, "Read", ResourceType.GROUP, group);
            }
        }

        /** Idempotent producers: IdempotentWrite on the cluster (Kafka 3.0+ also accepts Write on a topic). */
        void producer(String principal) {
            add(principal, "IdempotentWrite", ResourceType.CLUSTER, KafkaGrant.CLUSTER_NAME);
        }

        List<KafkaGrant> list() {
            return List.copyOf(list);
        }
    }
}
