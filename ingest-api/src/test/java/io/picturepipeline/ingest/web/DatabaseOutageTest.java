package io.picturepipeline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.testsupport.TestInfrastructure;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Without PostgreSQL nothing can be accepted: the client learns so at once and may retry. */
class DatabaseOutageTest extends IngestIntegrationTest {

    @AfterEach
    void reopenTheDatabase() throws SQLException {
        admin("alter database " + DATABASE + " allow_connections true");
    }

    @Test
    void aSubmissionWhileTheDatabaseIsUnreachableIsA503ProblemAndNothingIsAccepted() throws SQLException {
        String user = Api.newUser("unlucky");
        admin("alter database " + DATABASE + " allow_connections false");
        admin("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + DATABASE + "'");

        Api.Response submit = api().submit(user, "{\"prompt\": \"into the void\"}");
        Api.Response read = api().get(user, "/api/v1/generations");

        assertThat(submit.status()).as(submit.toString()).isEqualTo(503);
        assertThat(submit.contentType()).isEqualTo("application/problem+json");
        assertThat(submit.header("Retry-After")).isNotBlank();
        assertThat(read.status()).as(read.toString()).isEqualTo(503);

        admin("alter database " + DATABASE + " allow_connections true");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(api().get(user, "/api/v1/generations").status())
                                .isEqualTo(200));
        assertThat(jdbc.sql("select count(*) from ingest.generation_request where owner = ?")
                        .param(user)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = TestInfrastructure.shared().postgres().connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
