package io.picturepipeline.retry;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class RequiredSecretTest {

    private static final String SETTING = "pipeline.ingest.auth.hmac-secret (JWT_SECRET)";

    @Test
    void aMissingSecretIsRefusedNamingTheSettingAndHowToMakeOne() {
        assertThatThrownBy(() -> RequiredSecret.require(SETTING, " ", 32))
                .hasMessageContaining(SETTING)
                .hasMessageContaining("is not set")
                .hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void theDocumentedDefaultsAndExamplePlaceholdersAreRefused() {
        for (String documented : new String[] {
            "picture-pipeline-local-development-secret-change-me",
            "change-me-to-a-random-secret-of-at-least-32-characters",
            "CHANGE-ME-but-long-enough-to-pass-the-length-check-xx"
        }) {
            assertThatThrownBy(() -> RequiredSecret.require(SETTING, documented, 32))
                    .as(documented)
                    .hasMessageContaining("documented example value");
        }
    }

    @Test
    void aShortSecretIsRefusedWithItsLength() {
        assertThatThrownBy(() -> RequiredSecret.require(SETTING, "0123456789abcdef", 32))
                .hasMessageContaining("too short (16 bytes; at least 32)");
    }

    @Test
    void aRandomSecretOfTheRequiredLengthPasses() {
        assertThatCode(() -> RequiredSecret.require(SETTING, "q7W0h0m0mF5yq8sXbH1r2qk3KqHc6d2Vn5N0bq8mXgk=", 32))
                .doesNotThrowAnyException();
    }

    @Test
    void theLocalProfileKeepsItsDocumentedDefault() {
        MockEnvironment local = new MockEnvironment();
        local.setActiveProfiles("local");
        MockEnvironment production = new MockEnvironment();

        assertThatCode(() ->
                        RequiredSecret.check(local, SETTING, "picture-pipeline-local-development-secret-change-me", 32))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> RequiredSecret.check(
                        production, SETTING, "picture-pipeline-local-development-secret-change-me", 32))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aServiceRefusesAShortScramPasswordOutsideTheLocalProfile() {
        MockEnvironment production = new MockEnvironment()
                .withProperty(
                        "spring.kafka.properties.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"projection\""
                                + " password=\"short\";");

        assertThatThrownBy(() -> KafkaCredentialsCheck.of(production))
                .hasMessageContaining("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")
                .hasMessageContaining("too short");
    }
}
