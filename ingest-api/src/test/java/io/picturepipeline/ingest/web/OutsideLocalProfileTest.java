package io.picturepipeline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.infra.DemoTokens;
import io.picturepipeline.infra.Infrastructure;
import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.ingest.ProjectionSchema;
import io.picturepipeline.testsupport.TestInfrastructure;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ingest-api as it runs outside the {@code local} profile (HS256 tokens with a secret of the deployment's own,
 * as compose runs it): no demo-token endpoint, the actuators on their own port only, tokens of bounded lifetime.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "pipeline.ingest.auth.mode=hmac",
            "pipeline.ingest.auth.hmac-secret=" + OutsideLocalProfileTest.SECRET,
            "pipeline.ingest.auth.issuer=" + DemoTokens.ISSUER,
            "pipeline.kafka.replication-factor=1",
            "pipeline.kafka.min-insync-replicas=1"
        })
class OutsideLocalProfileTest {

    static final String SECRET = "a-deployment-secret-nobody-documented-0123456789";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure infra = TestInfrastructure.shared();
        String database = infra.postgres().ensureDatabase(IngestIntegrationTest.DATABASE);
        ProjectionSchema.migrate(infra.postgres(), database);
        infra.springProperties(database).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("pipeline.storage.root", IngestIntegrationTest.STORAGE_ROOT::toString);
    }

    @Test
    void theDemoTokenEndpointDoesNotExist() {
        Api.Response response = new Api(port).send(HttpRequest.newBuilder(new Api(port).uri("/api/v1/demo-token")));

        assertThat(response.status()).as(response.toString()).isIn(401, 404);
        assertThat(response.text()).doesNotContain("token\":");
    }

    @Test
    void metricsAndHealthAreNotOnTheApiPort() {
        Api api = new Api(port);

        for (String path : new String[] {"/actuator/prometheus", "/actuator/health", "/actuator/health/readiness"}) {
            Api.Response response = api.send(HttpRequest.newBuilder(api.uri(path)));
            assertThat(response.status()).as(path + ": " + response).isEqualTo(404);
            assertThat(response.text()).doesNotContain("pipeline_", "\"components\"");
        }
    }

    @Test
    void metricsHealthAndProbesAreOnTheManagementPort() {
        Api management = new Api(managementPort);

        Api.Response metrics = management.send(HttpRequest.newBuilder(management.uri("/actuator/prometheus")));
        Api.Response readiness = management.send(HttpRequest.newBuilder(management.uri("/actuator/health/readiness")));
        Api.Response liveness = management.send(HttpRequest.newBuilder(management.uri("/actuator/health/liveness")));

        assertThat(managementPort).isNotEqualTo(port);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("pipeline_outbox_backlog");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(liveness.status()).isEqualTo(200);
    }

    @Test
    void aTokenLivingLongerThanTheMaximumIsA401NamingIt() {
        Api api = new Api(port);
        String user = Api.newUser("long-lived");

        Api.Response refused = api.send(HttpRequest.newBuilder(api.uri("/api/v1/limits"))
                .header("Authorization", "Bearer " + DemoTokens.mint(SECRET, user, Duration.ofDays(7))));
        Api.Response accepted = api.send(HttpRequest.newBuilder(api.uri("/api/v1/limits"))
                .header("Authorization", "Bearer " + DemoTokens.mint(SECRET, user, Duration.ofHours(23))));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.json().get("detail").asString()).contains("exp", "exceeds PT24H");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    }
}
