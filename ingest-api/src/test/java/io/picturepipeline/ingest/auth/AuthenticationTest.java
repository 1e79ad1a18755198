package io.picturepipeline.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.infra.DemoTokens;
import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuthenticationTest extends IngestIntegrationTest {

    private static final String OTHER_SECRET = "some-other-secret-that-is-long-enough-for-hs256";

    static Stream<Arguments> refusedTokens() {
        long inAnHour = Instant.now().plusSeconds(3600).getEpochSecond();
        String user = "mallory";
        return Stream.of(
                Arguments.of("expired", DemoTokens.mint(DemoTokens.DEFAULT_SECRET, user, Duration.ofMinutes(-10))),
                Arguments.of("wrongly signed", DemoTokens.mint(OTHER_SECRET, user, Duration.ofMinutes(10))),
                Arguments.of(
                        "alg none", Jwts.unsigned(Jwts.claims(user, DemoTokens.ISSUER, DemoTokens.AUDIENCE, inAnHour))),
                Arguments.of(
                        "foreign issuer",
                        Jwts.hs256(
                                DemoTokens.DEFAULT_SECRET,
                                Jwts.claims(user, "https://elsewhere.example", DemoTokens.AUDIENCE, inAnHour))),
                Arguments.of(
                        "other audience",
                        Jwts.hs256(
                                DemoTokens.DEFAULT_SECRET,
                                Jwts.claims(user, DemoTokens.ISSUER, "another-api", inAnHour))),
                Arguments.of(
                        "blank subject",
                        Jwts.hs256(
                                DemoTokens.DEFAULT_SECRET,
                                Jwts.claims(" ", DemoTokens.ISSUER, DemoTokens.AUDIENCE, inAnHour))),
                Arguments.of("not a JWT", "not-a-token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aRefusedTokenIsA401ProblemWithABearerChallenge(String name, String token) {
        Api.Response response = api().send(HttpRequest.newBuilder(api().uri("/api/v1/generations"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"sneaky\"}")));

        assertUnauthorized(response);
        assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(count()).as("nothing accepted from an invalid token").isZero();
    }

    static Stream<Arguments> tokensWithoutABoundedLifetime() {
        Instant now = Instant.now();
        String user = "mallory";
        String noExp = "{\"sub\":\"" + user + "\",\"iss\":\"" + DemoTokens.ISSUER + "\",\"aud\":\""
                + DemoTokens.AUDIENCE + "\",\"iat\":" + now.getEpochSecond() + "}";
        return Stream.of(
                Arguments.of("without exp", Jwts.hs256(DemoTokens.DEFAULT_SECRET, noExp), "exp"),
                Arguments.of(
                        "valid for 30 days",
                        DemoTokens.mint(DemoTokens.DEFAULT_SECRET, user, Duration.ofDays(30)),
                        "exceeds PT24H"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokensWithoutABoundedLifetime")
    void aTokenWithoutExpOrLivingTooLongIsA401ProblemNamingIt(String name, String token, String named) {
        Api.Response response = api().send(HttpRequest.newBuilder(api().uri("/api/v1/generations"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"sneaky\"}")));

        assertUnauthorized(response);
        assertThat(response.json().get("detail").asString()).contains(named);
        assertThat(count()).as("nothing accepted from an unbounded token").isZero();
    }

    @Test
    void aRequestWithoutATokenIsA401ProblemWithABearerChallenge() {
        Api.Response response = api().send(HttpRequest.newBuilder(api().uri("/api/v1/generations")));

        assertUnauthorized(response);
        assertThat(response.json().get("instance").asString()).isEqualTo("/api/v1/generations");
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        Api.Response health = api().send(HttpRequest.newBuilder(api().uri("/actuator/health")));
        Api.Response liveness = api().send(HttpRequest.newBuilder(api().uri("/actuator/health/liveness")));
        Api.Response readiness = api().send(HttpRequest.newBuilder(api().uri("/actuator/health/readiness")));
        Api.Response metrics = api().send(HttpRequest.newBuilder(api().uri("/actuator/prometheus")));

        assertThat(health.status()).isEqualTo(200);
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(health.json().at("/components/kafka/status").asString()).isEqualTo("UP");
        // the outbox absorbs a Kafka outage, so readiness is the database's alone
        assertThat(readiness.json().at("/components/db/status").asString()).isEqualTo("UP");
        assertThat(readiness.json().path("components").has("kafka")).isFalse();
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("pipeline_outbox_backlog", "pipeline_outbox_oldest_age_seconds");
    }

    @Test
    void otherActuatorEndpointsNeedAToken() {
        Api.Response info = api().send(HttpRequest.newBuilder(api().uri("/actuator/info")));

        assertUnauthorized(info);
    }

    private static void assertUnauthorized(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.json().get("status").asInt()).isEqualTo(401);
        assertThat(response.json().get("title").asString()).isEqualTo("Unauthorized");
    }

    private int count() {
        return jdbc.sql("select count(*) from ingest.generation_request where owner in ('mallory', ' ')")
                .query(Integer.class)
                .single();
    }
}
