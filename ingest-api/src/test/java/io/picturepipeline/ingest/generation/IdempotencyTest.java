package io.picturepipeline.ingest.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class IdempotencyTest extends IngestIntegrationTest {

    @Test
    void aRepeatWithTheSameKeyAndBodyAnswersTheOriginalResponseAndCreatesNothing() {
        String user = Api.newUser("retrier");

        Api.Response first = submit(user, "key-1", "{\"prompt\": \"a fox\", \"width\": 1344, \"height\": 768}");
        Api.Response repeat = submit(user, "key-1", "{ \"height\": 768,\n \"prompt\": \"a fox\", \"width\": 1344 }");

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(repeat.status()).as(repeat.toString()).isEqualTo(202);
        assertThat(repeat.json().get("id").asString())
                .isEqualTo(first.json().get("id").asString());
        assertThat(repeat.json().get("status").asString()).isEqualTo("queued");
        assertThat(repeat.header("Location")).isEqualTo(first.header("Location"));
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(requestsOf(user)).isEqualTo(1);
        assertThat(outboxEventsOf(user)).as("published once").isLessThanOrEqualTo(2);
    }

    @Test
    void theSameKeyWithADifferentBodyIsA422ProblemThatNamesTheKey() {
        String user = Api.newUser("forgetful");
        submit(user, "key-2", "{\"prompt\": \"a fox\"}");

        Api.Response different = submit(user, "key-2", "{\"prompt\": \"a wolf\"}");

        assertThat(different.status()).as(different.toString()).isEqualTo(422);
        assertThat(different.contentType()).isEqualTo("application/problem+json");
        assertThat(different.json().get("errors").get(0).get("field").asString())
                .isEqualTo("Idempotency-Key");
        assertThat(requestsOf(user)).isEqualTo(1);
    }

    @Test
    void keysBelongToTheirUser() {
        String alice = Api.newUser("alice");
        String bob = Api.newUser("bob");

        Api.Response fromAlice = submit(alice, "shared-key", "{\"prompt\": \"a fox\"}");
        Api.Response fromBob = submit(bob, "shared-key", "{\"prompt\": \"a fox\"}");

        assertThat(fromBob.status()).isEqualTo(202);
        assertThat(fromBob.json().get("id").asString())
                .isNotEqualTo(fromAlice.json().get("id").asString());
    }

    @Test
    void concurrentDuplicatesCreateExactlyOneGeneration() throws Exception {
        String user = Api.newUser("double-clicker");
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Api.Response>> clicks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            clicks.add(() -> {
                start.await();
                return submit(user, "click", "{\"prompt\": \"once only\"}");
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Api.Response>> results =
                    clicks.stream().map(pool::submit).toList();
            start.countDown();
            List<String> ids = new ArrayList<>();
            for (Future<Api.Response> result : results) {
                Api.Response response = result.get();
                assertThat(response.status()).as(response.toString()).isEqualTo(202);
                ids.add(response.json().get("id").asString());
            }

            assertThat(ids).containsOnly(ids.get(0));
            assertThat(requestsOf(user)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExpiredKeyIsFreeForANewRequest() {
        String user = Api.newUser("next-day");
        Api.Response yesterday = submit(user, "daily-key", "{\"prompt\": \"a fox\"}");
        jdbc.sql("update ingest.idempotency_key set expires_at = now() - interval '1 minute' where owner = ?")
                .param(user)
                .update();

        Api.Response today = submit(user, "daily-key", "{\"prompt\": \"a different fox\"}");

        assertThat(today.status()).isEqualTo(202);
        assertThat(today.json().get("id").asString())
                .isNotEqualTo(yesterday.json().get("id").asString());
        assertThat(requestsOf(user)).isEqualTo(2);
    }

    @Test
    void aReplayIsAnsweredEvenWhenTheUserIsAtTheLimit() {
        String user = Api.newUser("at-the-limit");
        Api.Response original = submit(user, "last-one", "{\"prompt\": \"number one\"}");
        for (int i = 0; i < 19; i++) {
            api().submitValid(user, "filler " + i);
        }

        Api.Response replay = submit(user, "last-one", "{\"prompt\": \"number one\"}");

        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.json().get("id").asString())
                .isEqualTo(original.json().get("id").asString());
        assertThat(submit(user, "another", "{\"prompt\": \"over\"}").status()).isEqualTo(429);
    }

    @Test
    void anUnusableKeyIsA400Problem() {
        String user = Api.newUser("odd-key");

        Api.Response tooLong = submit(user, "k".repeat(256), "{\"prompt\": \"a fox\"}");
        Api.Response blank = submit(user, " ", "{\"prompt\": \"a fox\"}");

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(requestsOf(user)).isZero();
    }

    private Api.Response submit(String user, String key, String json) {
        return api().send(HttpRequest.newBuilder(api().uri("/api/v1/generations"))
                .header("Authorization", "Bearer " + Api.token(user))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private int requestsOf(String user) {
        return jdbc.sql("select count(*) from ingest.generation_request where owner = ?")
                .param(user)
                .query(Integer.class)
                .single();
    }

    private int outboxEventsOf(String user) {
        return jdbc.sql("""
                        select count(*) from ingest.outbox o join ingest.generation_request r on r.id = o.generation_id
                        where r.owner = ?
                        """).param(user).query(Integer.class).single();
    }
}
