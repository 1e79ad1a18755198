package io.picturepipeline.projection.lifecycle;

import static org.awaitility.Awaitility.await;

import io.picturepipeline.infra.Infrastructure;
import io.picturepipeline.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole service on the shared real broker and PostgreSQL; every test works on its own generation ids. */
@SpringBootTest
@ActiveProfiles("local")
abstract class ProjectionIntegrationTest {

    private static LifecycleTopic topic;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure infrastructure = TestInfrastructure.shared();
        String database = infrastructure.postgres().ensureDatabase("picture");
        infrastructure.springProperties(database).forEach((key, value) -> registry.add(key, () -> value));
    }

    static synchronized LifecycleTopic lifecycle() {
        if (topic == null) {
            topic = new LifecycleTopic(TestInfrastructure.shared());
        }
        return topic;
    }

    /** Waits until the projection has committed past this record: everything before it has been applied. */
    static void awaitConsumed(RecordMetadata record) {
        await().atMost(Duration.ofSeconds(60)).until(() -> lifecycle().consumed(record));
    }

    Optional<Map<String, Object>> generation(UUID id) {
        return jdbc.sql("select * from projection.generation where id = ?").param(id).query().listOfRows().stream()
                .findFirst();
    }

    String status(UUID id) {
        return generation(id).map(row -> (String) row.get("status")).orElse(null);
    }
}
