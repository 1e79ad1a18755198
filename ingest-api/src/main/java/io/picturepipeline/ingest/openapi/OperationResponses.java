package io.picturepipeline.ingest.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.BinarySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpStatus;

/**
 * Every status each operation answers, as the API behaves: springdoc sees a {@code ResponseEntity} and can only guess
 * "200, any media type". Errors are {@code application/problem+json} ({@link ProblemSchema}). Kept in one table here
 * rather than as annotations on the controllers, so the web edge and its description can change independently and
 * the API fuzzer (tests, {@code fuzz}) tells when they disagree.
 */
class OperationResponses implements OpenApiCustomizer {

    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";
    private static final String EVENTS = "text/event-stream";
    private static final List<String> IMAGES =
            List.of("image/png", "image/jpeg", "image/webp", "image/svg+xml", "application/octet-stream");

    /**
     * The success status and media types, and the errors: everywhere 400 (a malformed path, parameter or header) and
     * 406 (an Accept header that excludes the answer).
     */
    private record Answers(int success, List<String> media, List<Integer> errors) {}

    private static final Map<String, Answers> ANSWERS = Map.ofEntries(
            Map.entry(
                    "POST /api/v1/generations",
                    new Answers(202, List.of(JSON), List.of(400, 406, 401, 413, 415, 422, 429, 503))),
            Map.entry("GET /api/v1/generations", new Answers(200, List.of(JSON), List.of(400, 406, 401, 503))),
            Map.entry(
                    "GET /api/v1/generations/{id}", new Answers(200, List.of(JSON), List.of(400, 406, 401, 404, 503))),
            Map.entry(
                    "DELETE /api/v1/generations/{id}",
                    new Answers(202, List.of(JSON), List.of(400, 406, 401, 404, 409, 503))),
            Map.entry(
                    "GET /api/v1/generations/{id}/images/{index}",
                    new Answers(200, IMAGES, List.of(400, 406, 401, 404, 503))),
            Map.entry(
                    "GET /api/v1/generations/{id}/events",
                    new Answers(200, List.of(EVENTS), List.of(400, 406, 401, 404, 429, 503))),
            Map.entry("GET /api/v1/events", new Answers(200, List.of(EVENTS), List.of(400, 406, 401, 429, 503))),
            Map.entry(
                    "POST /api/v1/generations/{id}/variations",
                    new Answers(202, List.of(JSON), List.of(400, 406, 401, 404, 409, 413, 415, 429, 503))),
            Map.entry(
                    "POST /api/v1/generations/{id}/upscale",
                    new Answers(202, List.of(JSON), List.of(400, 406, 401, 404, 409, 413, 415, 429, 503))),
            Map.entry("GET /api/v1/source-images/{id}/{index}", new Answers(200, IMAGES, List.of(400, 406, 404, 503))),
            Map.entry(
                    "POST /api/v1/batches",
                    new Answers(202, List.of(JSON), List.of(400, 406, 401, 413, 415, 422, 429, 503))),
            Map.entry("GET /api/v1/batches/{id}", new Answers(200, List.of(JSON), List.of(400, 406, 401, 404, 503))),
            Map.entry("DELETE /api/v1/batches/{id}", new Answers(202, List.of(JSON), List.of(400, 406, 401, 404, 503))),
            Map.entry(
                    "GET /api/v1/batches/{id}/events",
                    new Answers(200, List.of(EVENTS), List.of(400, 406, 401, 404, 429, 503))),
            Map.entry("POST /api/v1/stream-tickets", new Answers(201, List.of(JSON), List.of(400, 406, 401, 413, 503))),
            Map.entry("GET /api/v1/limits", new Answers(200, List.of(JSON), List.of(400, 406, 401, 503))),
            Map.entry("GET /api/v1/models", new Answers(200, List.of(JSON), List.of(400, 406, 401))),
            Map.entry("GET /api/v1/demo-token", new Answers(200, List.of(JSON), List.of(400, 406))),
            Map.entry(
                    "POST /api/v1/webhooks",
                    new Answers(201, List.of(JSON), List.of(400, 406, 401, 409, 413, 415, 503))),
            Map.entry("GET /api/v1/webhooks", new Answers(200, List.of(JSON), List.of(400, 406, 401, 503))),
            Map.entry("GET /api/v1/webhooks/{id}", new Answers(200, List.of(JSON), List.of(400, 406, 401, 404, 503))),
            Map.entry("DELETE /api/v1/webhooks/{id}", new Answers(204, List.of(), List.of(400, 406, 401, 404, 503))),
            Map.entry(
                    "POST /api/v1/webhooks/{id}/rotate-secret",
                    new Answers(200, List.of(JSON), List.of(400, 406, 401, 404, 503))),
            Map.entry(
                    "POST /api/v1/webhooks/{id}/enable",
                    new Answers(200, List.of(JSON), List.of(400, 406, 401, 404, 503))),
            Map.entry(
                    "GET /api/v1/webhooks/{id}/deliveries",
                    new Answers(200, List.of(JSON), List.of(400, 406, 401, 404, 503))));

    private static final Map<Integer, String> MEANING = Map.of(
            400, "The request is malformed or invalid: the problem's errors name each field, parameter or header.",
            401, "No bearer token, or one that is not valid (expired, wrong signature, issuer or audience).",
            404,
                    "No such generation, batch, image or webhook endpoint of the caller's (another user's id is a 404"
                            + " too, never a 403).",
            409,
                    "The generation has ended already (the problem's generationStatus says how), or, for a variation"
                            + " or upscale, has not completed; or the caller has as many webhook endpoints as allowed"
                            + " (maxEndpoints).",
            413, "The request body is larger than the API accepts.",
            415, "The request body is not application/json.",
            416, "The Range asked for lies outside the image.",
            422, "The Idempotency-Key was used before with another body.",
            429,
                    "A limit is reached: submissions per hour or day (for a batch, the problem's fits says how many"
                            + " would fit now), or open event streams; wait Retry-After seconds.",
            503,
                    "The database is unavailable or the instance has no room for another stream; retry after Retry-After.");

    @Override
    public void customise(OpenAPI api) {
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    Answers answers = ANSWERS.get(method.name() + " " + path);
                    if (answers != null) {
                        describe(path, method, operation, answers);
                    }
                    if (path.equals("/api/v1/demo-token")) {
                        operation.setSecurity(List.of()); // open, and mapped in the local profile only
                    }
                    if (path.startsWith("/api/v1/source-images/")) {
                        operation.setSecurity(List.of()); // the signed link is the credential
                    }
                }));
        // SseEmitter is what the controller returns, not what a client receives
        api.getComponents().getSchemas().remove("SseEmitter");
        api.getComponents()
                .addSchemas(ProblemSchema.NAME, ProblemSchema.problem())
                .addSchemas(ProblemSchema.VIOLATION, ProblemSchema.violation());
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation, Answers answers) {
        ApiResponses generated = operation.getResponses();
        ApiResponse success = generated == null ? null : generated.get("200");
        Schema<?> body = success == null
                        || success.getContent() == null
                        || success.getContent().isEmpty()
                ? null
                : success.getContent().values().iterator().next().getSchema();
        ApiResponses responses = new ApiResponses();
        responses.addApiResponse(Integer.toString(answers.success()), success(path, method, answers, body));
        if (path.contains("/images/")) {
            ApiResponse partial = success(path, method, answers, body)
                    .description("Partial Content: the byte range asked for with Range")
                    .addHeaderObject(
                            "Content-Range", new Header().required(true).schema(new StringSchema()));
            responses.addApiResponse("206", partial);
            responses.addApiResponse("416", problem(416));
        }
        if (path.endsWith("/events") && path.contains("{id}")) {
            responses.addApiResponse(
                    "204",
                    new ApiResponse()
                            .description("The client has seen the terminal event of the generation (of every generation"
                                    + " of the batch) already (Last-Event-ID)."));
        }
        for (int status : answers.errors().stream().sorted().toList()) {
            responses.addApiResponse(Integer.toString(status), problem(status));
        }
        operation.setResponses(responses);
    }

    private static ApiResponse success(String path, PathItem.HttpMethod method, Answers answers, Schema<?> body) {
        Content content = new Content();
        for (String media : answers.media()) {
            Schema<?> schema =
                    media.equals(JSON) ? body : media.equals(EVENTS) ? new StringSchema() : new BinarySchema();
            content.addMediaType(media, new MediaType().schema(schema));
        }
        ApiResponse response = new ApiResponse()
                .description(HttpStatus.valueOf(answers.success()).getReasonPhrase());
        if (!answers.media().isEmpty()) {
            response.content(content);
        }
        if (method == PathItem.HttpMethod.POST && path.equals("/api/v1/webhooks")) {
            response.description("Created: the endpoint and its signing secret, shown this once")
                    .addHeaderObject(
                            "Location",
                            new Header()
                                    .required(true)
                                    .schema(new StringSchema())
                                    .description("the endpoint's URL"));
        }
        if (method == PathItem.HttpMethod.POST
                && (path.equals("/api/v1/generations") || path.equals("/api/v1/batches"))) {
            response.description("Accepted (or, with an Idempotency-Key seen before with the same body, the original"
                            + " answer again)")
                    .addHeaderObject(
                            "Location",
                            new Header()
                                    .required(true)
                                    .schema(new StringSchema())
                                    .description("the generation's (the batch's) URL"))
                    .addHeaderObject(
                            "Idempotent-Replayed",
                            new Header()
                                    .schema(new StringSchema()._enum(List.of("true")))
                                    .description("present on a replayed answer"));
        }
        return response;
    }

    private static ApiResponse problem(int status) {
        ApiResponse response = new ApiResponse()
                .description(MEANING.getOrDefault(
                        status, HttpStatus.valueOf(status).getReasonPhrase().toLowerCase(Locale.ROOT)))
                .content(new Content()
                        .addMediaType(PROBLEM, new MediaType().schema(new Schema<>().$ref(ProblemSchema.REF))));
        if (status == 401) {
            response.addHeaderObject(
                    "WWW-Authenticate", new Header().required(true).schema(new StringSchema()));
        }
        if (status == 429 || status == 503) {
            response.addHeaderObject(
                    "Retry-After",
                    new Header().required(true).schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE)));
        }
        return response;
    }
}
