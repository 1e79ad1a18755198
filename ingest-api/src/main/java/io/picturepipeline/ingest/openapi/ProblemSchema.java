package io.picturepipeline.ingest.openapi;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.List;

/** The RFC 9457 problem every error of the API is, and the field violations a 400 lists. */
final class ProblemSchema {

    static final String NAME = "Problem";
    static final String VIOLATION = "FieldViolation";
    static final String REF = "#/components/schemas/" + NAME;

    private ProblemSchema() {}

    static Schema<?> problem() {
        Schema<?> problem = new ObjectSchema()
                .description("RFC 9457 problem details. Refusals add members: errors (400, 422), retryAfterSeconds"
                        + " (429, 503), limits (429), generationStatus (409).")
                .addProperty("type", new StringSchema().description("about:blank unless stated"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema().minimum(java.math.BigDecimal.valueOf(400)))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().description("the request's path"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .items(new Schema<>().$ref("#/components/schemas/" + VIOLATION))
                                .description("every field, parameter or header at fault"))
                .addProperty("retryAfterSeconds", new IntegerSchema().format("int64"))
                .addProperty("generationStatus", new StringSchema().description("409: how the generation ended"))
                .addProperty("limits", new ObjectSchema().description("429 of a submission: the caller's windows"));
        // RFC 9457: a problem may carry other extension members
        problem.setAdditionalProperties(Boolean.TRUE);
        problem.setRequired(List.of("title", "status"));
        return problem;
    }

    static Schema<?> violation() {
        Schema<?> violation = new ObjectSchema()
                .addProperty("field", new StringSchema().minLength(1).description("the field, parameter or header"))
                .addProperty("message", new StringSchema());
        violation.setRequired(List.of("field", "message"));
        return violation;
    }
}
