package io.picturepipeline.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picturepipeline.ingest.IngestSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.mock.env.MockEnvironment;

class HmacSecretRequiredTest {

    private static final String DOCUMENTED = "picture-pipeline-local-development-secret-change-me";

    @Test
    void outsideTheLocalProfileTheDocumentedSecretStopsTheApiFromStarting() {
        MockEnvironment production = hmac(DOCUMENTED);

        assertThatThrownBy(() -> new SecurityConfiguration()
                        .jwtDecoder(settings(production), production, new OAuth2ResourceServerProperties()))
                .hasMessageContaining("JWT_SECRET")
                .hasMessageContaining("documented example value")
                .hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void outsideTheLocalProfileAMissingSecretStopsTheApiFromStarting() {
        MockEnvironment production = new MockEnvironment()
                .withProperty("pipeline.ingest.auth.mode", "hmac")
                .withProperty("pipeline.ingest.auth.issuer", "picture-pipeline-local");

        assertThatThrownBy(() -> new SecurityConfiguration()
                        .jwtDecoder(settings(production), production, new OAuth2ResourceServerProperties()))
                .hasMessageContaining("pipeline.ingest.auth.hmac-secret")
                .hasMessageContaining("is not set");
    }

    @Test
    void theLocalProfileStartsWithItsDocumentedSecret() {
        MockEnvironment local = hmac(DOCUMENTED);
        local.setActiveProfiles("local");

        assertThat(new SecurityConfiguration().jwtDecoder(settings(local), local, new OAuth2ResourceServerProperties()))
                .isNotNull();
    }

    private static MockEnvironment hmac(String secret) {
        return new MockEnvironment()
                .withProperty("pipeline.ingest.auth.mode", "hmac")
                .withProperty("pipeline.ingest.auth.hmac-secret", secret)
                .withProperty("pipeline.ingest.auth.issuer", "picture-pipeline-local");
    }

    private static IngestSettings settings(MockEnvironment environment) {
        return Binder.get(environment).bindOrCreate("pipeline.ingest", IngestSettings.class);
    }
}
