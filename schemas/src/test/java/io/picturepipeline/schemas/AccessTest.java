package io.picturepipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AccessTest {

    private final Set<String> topics =
            Topics.all(1).stream().map(TopicSpec::name).collect(Collectors.toSet());

    @Test
    void everyTopicGrantNamesATopicOfTheSchemas() {
        Access.kafkaGrants().stream()
                .filter(grant -> grant.type() == Access.ResourceType.TOPIC)
                .forEach(grant -> assertThat(topics).as(grant.toString()).contains(grant.name()));
    }

    @Test
    void everyTopicIsReadAndWrittenBySomePrincipal() {
        for (String topic : topics) {
            for (String operation : new String[] {"Read", "Write"}) {
                assertThat(Access.kafkaGrants())
                        .as(operation + " " + topic)
                        .anyMatch(grant -> grant.type() == Access.ResourceType.TOPIC
                                && grant.name().equals(topic)
                                && grant.operation().equals(operation));
            }
        }
    }

    @Test
    void stagesWatchTheLifecycleTopicForCancelsInTheirOwnGroup() {
        for (String stage : new String[] {Access.GENERATION_CONSUMER, Access.DOWNLOAD_CONSUMER}) {
            assertThat(Access.kafkaGrants())
                    .contains(
                            new Access.KafkaGrant(stage, "Read", Access.ResourceType.TOPIC, Topics.LIFECYCLE),
                            new Access.KafkaGrant(stage, "Read", Access.ResourceType.GROUP, stage + "-cancellations"));
        }
    }

    @Test
    void theFaultSuiteReadsNoStageInputAndJoinsNoGroup() {
        assertThat(Access.faultSuiteGrants())
                .allMatch(grant -> grant.principal().equals(Access.FAULT_SUITE));
        assertThat(Access.faultSuiteGrants())
                .filteredOn(grant -> grant.operation().equals("Read"))
                .allMatch(grant -> grant.type() == Access.ResourceType.TOPIC
                        && (grant.name().equals(Topics.LIFECYCLE)
                                || grant.name().endsWith(Topics.DEAD_LETTER_SUFFIX)));
        assertThat(Access.faultSuiteGrants())
                .filteredOn(grant -> grant.type() == Access.ResourceType.GROUP)
                .extracting(Access.KafkaGrant::operation)
                .containsOnly("Describe");
        assertThat(Access.kafkaGrants()).noneMatch(grant -> grant.principal().equals(Access.FAULT_SUITE));
    }

    @Test
    void onlyOpsHoldsATransactionalId() {
        assertThat(Access.kafkaGrants())
                .filteredOn(grant -> grant.type() == Access.ResourceType.TRANSACTIONAL_ID)
                .containsExactly(new Access.KafkaGrant(
                        Access.OPS_CLI, "Write", Access.ResourceType.TRANSACTIONAL_ID, Access.OPS_TRANSACTIONAL_ID));
    }

    @Test
    void eachServiceHasItsOwnLoginRoleOwningItsSchema() {
        assertThat(Access.databaseRoles())
                .extracting(Access.DatabaseRole::service)
                .containsExactlyElementsOf(Access.SERVICES);
        assertThat(Access.databaseRoles().stream()
                        .map(Access.DatabaseRole::role)
                        .distinct())
                .hasSize(Access.SERVICES.size());
    }

    @Test
    void onlyTheDownloadConsumerMayWriteTheImageStore() {
        assertThat(Access.storageGrants())
                .filteredOn(grant -> grant.access() == Access.StorageAccess.READ_WRITE)
                .extracting(Access.StorageGrant::principal)
                .containsExactly(Access.DOWNLOAD_CONSUMER);
        assertThat(Access.storageGrant(Access.INGEST_API).access()).isEqualTo(Access.StorageAccess.READ);
    }
}
