package io.picturepipeline.ingest.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.ingest.Topic;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.Topics;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class SubmissionValidationTest extends IngestIntegrationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown model              | {"prompt": "x", "model": "acme/imaginator"}                                | model          | black-forest-labs/flux-schnell
            size the model cannot do   | {"prompt": "x", "width": 1000, "height": 1000}                             | width          | 1024x1024
            steps out of range         | {"prompt": "x", "model": "black-forest-labs/flux-dev", "steps": 80}        | steps          | between 1 and 50
            blank prompt               | {"prompt": "   "}                                                          | prompt         | must not be blank
            missing prompt             | {"model": "black-forest-labs/flux-dev"}                                    | prompt         | must not be blank
            prompt too long            | {"prompt": "%s"}                                                           | prompt         | size must be between 0 and 2000
            guidance out of range      | {"prompt": "x", "model": "stability-ai/sdxl", "guidanceScale": 60}         | guidanceScale  | between 1.0 and 50.0
            negative prompt unsupported| {"prompt": "x", "negativePrompt": "blur"}                                  | negativePrompt | does not take a negative prompt
            source image not http      | {"prompt": "x", "model": "black-forest-labs/flux-dev", "sourceImageUrl": "file:///etc/passwd"} | sourceImageUrl | https or http
            too many outputs           | {"prompt": "x", "model": "google/imagen-4", "numOutputs": 3}              | numOutputs     | at most 1
            wrong type                 | {"prompt": "x", "width": "wide"}                                           | width          | must be an integer
            unknown field              | {"prompt": "x", "negative_prompt": "blur"}                                 | negative_prompt| not a known field
            malformed JSON             | {"prompt": "x",                                                            | body           | not valid JSON
            not an object              | ["prompt"]                                                                 | body           | a JSON object
            """)
    void aRefusedSubmissionIsA400ProblemNamingTheFieldAndLeavesNoTrace(
            String name, String body, String field, String messagePart) {
        String user = Api.newUser("refused");
        String json = body.replace("%s", "p".repeat(2001));

        Api.Response response = api().submit(user, json);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/generations");
        List<JsonNode> errors =
                StreamSupport.stream(problem.get("errors").spliterator(), false).toList();
        assertThat(errors).as(response.toString()).anySatisfy(error -> {
            assertThat(error.get("field").asString()).isEqualTo(field);
            assertThat(error.get("message").asString()).contains(messagePart);
        });
        assertNothingStoredOrPublishedFor(user);
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        String user = Api.newUser("many-faults");

        Api.Response response = api().submit(user, """
                {"prompt": "x", "model": "stability-ai/sdxl", "width": 100, "height": 2000, "steps": 500}
                """);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("height", "steps", "width");
    }

    @Test
    void aBodyThatIsNotJsonIsA415Problem() {
        Api.Response response = api().send(HttpRequest.newBuilder(api().uri("/api/v1/generations"))
                .header("Authorization", "Bearer " + Api.token(Api.newUser("text")))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("a cat")));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(415);
    }

    @Test
    void anUnsupportedMethodIsA405Problem() {
        Api.Response response = api().send(HttpRequest.newBuilder(api().uri("/api/v1/generations"))
                .header("Authorization", "Bearer " + Api.token(Api.newUser("deleter")))
                .DELETE());

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.header("Allow")).contains("GET", "POST");
    }

    @Test
    void anUnknownApiPathIsA404Problem() {
        Api.Response response = api().get(Api.newUser("lost"), "/api/v1/nothing-here");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(404);
    }

    /**
     * The refused request left no row and no outbox row; and once a valid request of the same user has gone all
     * the way to the topic, the only event of that user there is the valid one.
     */
    private void assertNothingStoredOrPublishedFor(String user) {
        assertThat(count("select count(*) from ingest.generation_request where owner = ?", user))
                .isZero();
        assertThat(count("""
                        select count(*) from ingest.outbox o
                        where not exists (select 1 from ingest.generation_request r where r.id = o.generation_id)
                        """, null)).as("no outbox row without its request").isZero();

        UUID control = api().submitValid(user, "the control request");
        List<UUID> published = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> Topic.requestedBy(Topics.GENERATE, user).stream()
                                .map(GenerationRequested::generationId)
                                .toList(),
                        ids -> ids.contains(control));
        assertThat(published).containsOnly(control);
    }

    private int count(String sql, String param) {
        var statement = jdbc.sql(sql);
        if (param != null) {
            statement = statement.param(param);
        }
        return statement.query(Integer.class).single();
    }
}
