package io.picturepipeline.ingest.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.ingest.ProjectionSchema;
import io.picturepipeline.ingest.ReadModel;
import io.picturepipeline.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The projection's schema belongs to another service, which may not have migrated it yet. */
class ProjectionFallbackTest extends IngestIntegrationTest {

    @AfterEach
    void restoreTheProjectionTable() {
        ProjectionSchema.migrate(TestInfrastructure.shared().postgres(), DATABASE);
    }

    @Test
    void withoutTheProjectionTableGenerationsReadAsQueuedUntilTheTableAppears() {
        String user = Api.newUser("before-projection");
        UUID id = api().submitValid(user, "early bird");
        ProjectionSchema.drop(TestInfrastructure.shared().postgres(), DATABASE);

        Api.Response single = api().get(user, "/api/v1/generations/" + id);
        Api.Response list = api().get(user, "/api/v1/generations?status=queued");

        assertThat(single.status()).as(single.toString()).isEqualTo(200);
        assertThat(single.json().get("status").asString()).isEqualTo("queued");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().get("items").get(0).get("id").asString()).isEqualTo(id.toString());
        assertThat(api().get(user, "/api/v1/generations/" + id + "/images/0").status())
                .isEqualTo(404);

        ProjectionSchema.migrate(TestInfrastructure.shared().postgres(), DATABASE);
        ReadModel.project(jdbc, id, user, "processing", row -> row.set("progress", 70));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(api().get(user, "/api/v1/generations/" + id)
                                .json()
                                .get("status")
                                .asString())
                        .isEqualTo("processing"));
        assertThat(api().get(user, "/api/v1/generations?status=processing")
                        .json()
                        .get("items")
                        .get(0)
                        .get("progress")
                        .asInt())
                .isEqualTo(70);
    }
}
