package io.picturepipeline.ingest.fuzz;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.picturepipeline.ingest.Api;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What every answer must be: documented for its operation (status, media type, body schema, required headers, by
 * Atlassian's swagger-request-validator against the live description), never a 5xx, every error a problem body
 * (RFC 9457, its status the response's), and the status the request's kind decides (401 for a refused token, 404 for
 * another user's generation). Returns what is wrong, empty when nothing is.
 */
final class ResponseRules {

    private final OpenApiInteractionValidator validator;

    ResponseRules(LiveDescription description) {
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(description.json())
                .build();
    }

    List<String> check(Exchange exchange) {
        List<String> broken = new ArrayList<>();
        int status = exchange.status();
        Attempt attempt = exchange.attempt();
        if (status == 0) {
            broken.add("no HTTP answer");
            return broken;
        }
        if (status >= 500) {
            broken.add("5xx");
        }
        if (attempt.mustAnswer() != null && status != attempt.mustAnswer()) {
            broken.add("must be " + attempt.mustAnswer());
        }
        if (status >= 400) {
            broken.addAll(problemBody(exchange));
        }
        for (ValidationReport.Message message : documented(exchange).getMessages()) {
            // an open event stream was closed after its headers: there is no body to hold to the schema
            boolean closedStream = exchange.stream() && message.getKey().equals("validation.response.body.missing");
            if (message.getLevel() == ValidationReport.Level.ERROR && !closedStream) {
                broken.add(message.getKey() + ": " + message.getMessage());
            }
        }
        return broken;
    }

    private ValidationReport documented(Exchange exchange) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(exchange.status());
        exchange.headers().map().forEach(response::withHeader);
        if (exchange.body().length > 0) {
            response.withBody(exchange.body());
        }
        // the operation is known: a hostile path value must not keep the validator from finding it
        String path = exchange.attempt()
                .operation()
                .path()
                .replace("{id}", "00000000-0000-0000-0000-000000000000")
                .replace("{index}", "0");
        return validator.validateResponse(
                path, Request.Method.valueOf(exchange.attempt().operation().method()), response.build());
    }

    private static List<String> problemBody(Exchange exchange) {
        List<String> broken = new ArrayList<>();
        String type = exchange.contentType();
        if (type == null || !type.startsWith("application/problem+json")) {
            broken.add("error without a problem body (Content-Type " + type + ")");
            return broken;
        }
        try {
            JsonNode problem = Api.JSON.readTree(exchange.body());
            if (problem.path("status").asInt() != exchange.status()) {
                broken.add("problem status " + problem.path("status") + " is not the response's");
            }
            if (exchange.status() == 400 && problem.path("errors").isEmpty()) {
                broken.add("a 400 that names no field, parameter or header");
            }
        } catch (RuntimeException e) {
            broken.add(
                    "problem body is not JSON: " + Clip.of(new String(exchange.body(), StandardCharsets.UTF_8), 200));
        }
        return broken;
    }
}
