package io.picturepipeline.ingest.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.infra.DemoTokens;
import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.ingest.Sse;
import io.picturepipeline.ingest.Topic;
import io.picturepipeline.ingest.auth.Jwts;
import io.picturepipeline.schemas.Admission;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.Topics;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Plans, priorities and scheduled submissions as a client and ops see them. */
class PlansTest extends IngestIntegrationTest {

    @Test
    void aNewUserIsOnTheFreePlanWithTheSeedsLimits() {
        JsonNode limits = api().get(Api.newUser("newcomer"), "/api/v1/limits").json();

        assertThat(limits.get("plan").get("name").asString()).isEqualTo("free");
        assertThat(limits.get("plan").get("priority").asInt()).isZero();
        assertThat(limits.get("plan").get("weight").asInt()).isEqualTo(1);
        assertThat(limits.get("hourly").get("limit").asInt()).isEqualTo(20);
        assertThat(limits.get("daily").get("limit").asInt()).isEqualTo(100);
    }

    @Test
    void theTokensPlanClaimCountsUnlessOpsGaveTheUserAPlan() {
        String user = Api.newUser("claimant");
        long now = Instant.now().getEpochSecond();
        String token = Jwts.hs256(
                DemoTokens.DEFAULT_SECRET,
                "{\"sub\":\"" + user + "\",\"iss\":\"" + DemoTokens.ISSUER + "\",\"aud\":\"" + DemoTokens.AUDIENCE
                        + "\",\"iat\":" + now + ",\"exp\":" + (now + 600) + ",\"plan\":\"pro\"}");

        JsonNode claimed = limits(token);
        jdbc.sql("insert into ingest.user_plan (owner, plan) values (:owner, 'free')")
                .param("owner", user)
                .update();
        JsonNode overridden = limits(token);

        assertThat(claimed.get("plan").get("name").asString()).isEqualTo("pro");
        assertThat(claimed.get("plan").get("priority").asInt()).isEqualTo(5);
        assertThat(claimed.get("hourly").get("limit").asInt()).isEqualTo(200);
        assertThat(overridden.get("plan").get("name").asString()).isEqualTo("free");
    }

    @Test
    void opsMoveAUserToVipWithOneStatementAndTheirSubmissionsCarryItsPriorityAndWeight() {
        String user = Api.newUser("promoted");
        // the statement docs/operations.md gives ops
        jdbc.sql("""
                        insert into ingest.user_plan (owner, plan) values (:owner, :plan)
                        on conflict (owner) do update set plan = excluded.plan, changed_at = now()
                        """).param("owner", user).param("plan", "vip").update();

        JsonNode limits = api().get(user, "/api/v1/limits").json();
        Api.Response accepted = api().submit(user, "{\"prompt\": \"a lighthouse, first in line\"}");

        assertThat(limits.get("plan").get("name").asString()).isEqualTo("vip");
        assertThat(limits.get("plan").get("priority").asInt()).isEqualTo(9);
        assertThat(limits.get("hourly").get("limit").asInt()).isEqualTo(1000);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.json().get("status").asString()).isEqualTo("queued");
        assertThat(requested(user).admission()).isEqualTo(new Admission("vip", 9, 4, null));
    }

    @Test
    void aSubmissionMayAskForALowerPriorityThanItsPlansButNotAHigherOne() {
        String user = Api.newUser("modest");

        Api.Response higher = api().submit(user, "{\"prompt\": \"me first\", \"priority\": 5}");
        Api.Response lower = api().submit(user, "{\"prompt\": \"whenever\", \"priority\": 0}");

        assertThat(higher.status()).as(higher.toString()).isEqualTo(400);
        assertThat(higher.contentType()).isEqualTo("application/problem+json");
        assertThat(higher.json().get("errors").get(0).get("field").asString()).isEqualTo("priority");
        assertThat(higher.json().get("errors").get(0).get("message").asString()).contains("at most 0", "free");
        assertThat(lower.status()).as(lower.toString()).isEqualTo(202);
    }

    @Test
    void aScheduledSubmissionIsAcceptedNowAsScheduledUpToThirtyDaysAhead() {
        String user = Api.newUser("planner");
        Instant inAnHour = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Instant tooFar = Instant.now().plus(Duration.ofDays(31));

        Api.Response scheduled =
                api().submit(user, "{\"prompt\": \"a lighthouse, later\", \"notBefore\": \"" + inAnHour + "\"}");
        Api.Response refused =
                api().submit(user, "{\"prompt\": \"a lighthouse, much later\", \"notBefore\": \"" + tooFar + "\"}");

        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(202);
        assertThat(scheduled.json().get("status").asString()).isEqualTo("scheduled");
        GenerationRequested event = requested(user);
        assertThat(event.generationId())
                .isEqualTo(UUID.fromString(scheduled.json().get("id").asString()));
        assertThat(event.admission()).isEqualTo(new Admission("free", 0, 1, inAnHour));
        try (Sse stream = Sse.open(api(), "/api/v1/generations/" + event.generationId() + "/events", user)) {
            Sse.Event first = await().atMost(Duration.ofSeconds(30))
                    .until(stream::events, events -> !events.isEmpty())
                    .get(0);
            assertThat(first.name()).isEqualTo("status");
            assertThat(first.json().get("status").asString()).isEqualTo("scheduled");
            assertThat(Instant.parse(first.json().get("notBefore").asString())).isEqualTo(inAnHour);
        }
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("notBefore");
        JsonNode limits = api().get(user, "/api/v1/limits").json();
        assertThat(limits.get("hourly").get("used").asInt())
                .as("charged at acceptance")
                .isEqualTo(1);
    }

    private JsonNode limits(String token) {
        Api.Response response = api().send(
                        HttpRequest.newBuilder(api().uri("/api/v1/limits")).header("Authorization", "Bearer " + token));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static GenerationRequested requested(String user) {
        List<GenerationRequested> events = await().atMost(Duration.ofSeconds(30))
                .until(() -> Topic.requestedBy(Topics.GENERATE, user), e -> !e.isEmpty());
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
