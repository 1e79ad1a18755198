package io.picturepipeline.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picturepipeline.infra.LocalPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seeds' queue functions on a real PostgreSQL: claim order, SKIP LOCKED, and complete_job's retry rules. */
class SeedQueueTest {

    @TempDir
    static Path dataDir;

    private static LocalPostgres postgres;

    @BeforeAll
    static void startPostgres() throws SQLException {
        postgres = LocalPostgres.start(dataDir.resolve("pg"), 0);
        postgres.ensureDatabase("seeds_baseline");
        try (Connection connection = postgres.connect("seeds_baseline")) {
            SeedQueue.install(connection);
        }
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void emptyQueue() throws SQLException {
        try (Connection connection = postgres.connect("seeds_baseline")) {
            SeedQueue.reset(connection);
        }
    }

    @Test
    void a_job_failing_twice_then_succeeding_completes_on_its_third_attempt() throws SQLException {
        try (Connection connection = postgres.connect("seeds_baseline")) {
            UUID id = SeedQueue.enqueue(connection, SeedQueue.GENERATE, "{\"prompt\":\"p\"}");

            for (int attempt = 1; attempt <= 2; attempt++) {
                SeedQueue.Job job = SeedQueue.claim(connection).orElseThrow();
                assertThat(job.id()).isEqualTo(id);
                assertThat(job.attemptNumber()).isEqualTo(attempt);
                SeedQueue.complete(connection, id, null, "provider said 503");
                assertThat(SeedQueue.row(connection, id))
                        .isEqualTo(new SeedQueue.Row("pending", attempt, "provider said 503"));
            }
            SeedQueue.Job third = SeedQueue.claim(connection).orElseThrow();
            SeedQueue.complete(connection, third.id(), "{\"ok\":true}", null);

            assertThat(SeedQueue.row(connection, id)).isEqualTo(new SeedQueue.Row("completed", 3, null));
            assertThat(SeedQueue.claim(connection)).isEmpty();
        }
    }

    @Test
    void a_job_failing_three_times_ends_failed_and_is_not_claimed_again() throws SQLException {
        try (Connection connection = postgres.connect("seeds_baseline")) {
            UUID id = SeedQueue.enqueue(connection, SeedQueue.DOWNLOAD, "{}");

            for (int attempt = 1; attempt <= 3; attempt++) {
                SeedQueue.Job job = SeedQueue.claim(connection).orElseThrow();
                assertThat(job.attemptNumber()).isEqualTo(attempt);
                assertThat(job.maxAttempts()).isEqualTo(3);
                SeedQueue.complete(connection, id, null, "boom " + attempt);
            }

            assertThat(SeedQueue.row(connection, id)).isEqualTo(new SeedQueue.Row("failed", 3, "boom 3"));
            assertThat(SeedQueue.claim(connection)).isEmpty();
            assertThat(SeedQueue.health(connection).failedLastHour()).isEqualTo(1);
            assertThat(SeedQueue.alerts(connection).errorRatePercent()).isEqualTo(100.0);
        }
    }

    @Test
    void claims_are_oldest_first_and_skip_rows_another_worker_has_locked() throws SQLException {
        try (Connection first = postgres.connect("seeds_baseline");
                Connection second = postgres.connect("seeds_baseline")) {
            UUID older = SeedQueue.enqueue(first, SeedQueue.GENERATE, "{}");
            UUID newer = SeedQueue.enqueue(first, SeedQueue.GENERATE, "{}");

            first.setAutoCommit(false);
            assertThat(SeedQueue.claim(first).orElseThrow().id()).isEqualTo(older);
            // the first claim is not committed: its row stays locked, and the second worker skips it
            assertThat(SeedQueue.claim(second).orElseThrow().id()).isEqualTo(newer);
            first.commit();

            assertThat(SeedQueue.health(second).processingJobs()).isEqualTo(2);
            assertThat(SeedQueue.health(second).pendingJobs()).isZero();
        }
    }

    @Test
    void the_seed_text_of_claim_next_job_is_refused_by_postgresql_which_is_why_the_baseline_qualifies_columns()
            throws SQLException {
        try (Connection connection = postgres.connect("seeds_baseline");
                Statement statement = connection.createStatement()) {
            SeedQueue.enqueue(connection, SeedQueue.GENERATE, "{}");
            // verbatim from ../shared/seeds/001_ef459161a88881dc.txt, under another name
            statement.execute("""
                    CREATE OR REPLACE FUNCTION claim_next_job_as_written()
                    RETURNS TABLE(id UUID, job_type TEXT, payload JSONB, attempt_number INTEGER, max_attempts INTEGER)
                    AS $$
                    BEGIN
                      RETURN QUERY
                      UPDATE job_queue
                      SET
                        status = 'processing',
                        attempt_number = attempt_number + 1,
                        updated_at = now()
                      WHERE id = (
                        SELECT job_queue.id
                        FROM job_queue
                        WHERE job_queue.status = 'pending'
                        ORDER BY job_queue.priority DESC, job_queue.created_at ASC
                        FOR UPDATE SKIP LOCKED
                        LIMIT 1
                      )
                      RETURNING
                        job_queue.id,
                        job_queue.job_type,
                        job_queue.payload,
                        job_queue.attempt_number,
                        job_queue.max_attempts;
                    END;
                    $$ LANGUAGE plpgsql SECURITY DEFINER
                    """);

            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM claim_next_job_as_written()"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("is ambiguous");
        }
    }
}
