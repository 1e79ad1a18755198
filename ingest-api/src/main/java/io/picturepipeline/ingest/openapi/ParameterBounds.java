package io.picturepipeline.ingest.openapi;

import io.picturepipeline.ingest.IngestSettings;
import io.picturepipeline.schemas.GenerationStatus;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.media.UUIDSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.math.BigDecimal;
import java.util.Arrays;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What each parameter accepts, as the controllers check it (they take strings and answer 400 or 404 themselves), with
 * the limits from the settings; and the submission body: its text fields' real bounds, and no unknown fields
 * ({@code spring.jackson.deserialization.fail-on-unknown-properties}).
 */
class ParameterBounds implements OpenApiCustomizer {

    private final IngestSettings settings;

    ParameterBounds(IngestSettings settings) {
        this.settings = settings;
    }

    @Override
    public void customise(OpenAPI api) {
        api.getPaths()
                .values()
                .forEach(item -> item.readOperations().forEach(operation -> {
                    if (operation.getParameters() != null) {
                        operation.getParameters().forEach(this::bound);
                    }
                }));
        Schema<?> submission = api.getComponents().getSchemas().get("SubmitGenerationRequest");
        if (submission != null) {
            submission.setAdditionalProperties(Boolean.FALSE);
            submission.setDescription("Unknown fields are refused (400 naming the field).");
            Schema<?> prompt = submission.getProperties().get("prompt");
            prompt.minLength(1).pattern("\\S").description("not blank");
            submission.getProperties().get("sourceImageUrl").format("uri").description("absolute http or https URL");
        }
    }

    private void bound(Parameter parameter) {
        switch (parameter.getName()) {
            case "id" ->
                parameter
                        .schema(new UUIDSchema())
                        .description("a generation id; anything else is a 404, as an id of another user's is");
            case "index" ->
                parameter
                        .schema(new IntegerSchema().minimum(BigDecimal.ZERO))
                        .description("the image's index; anything else is a 404");
            case "status" ->
                parameter.schema(new StringSchema()
                        ._enum(Arrays.stream(GenerationStatus.values())
                                .map(GenerationStatus::wireName)
                                .toList()));
            case "limit" ->
                parameter
                        .schema(new IntegerSchema()
                                .minimum(BigDecimal.ONE)
                                .maximum(BigDecimal.valueOf(settings.read().maxLimit()))
                                ._default(settings.read().defaultLimit()))
                        .description("items per page");
            case "cursor" ->
                parameter
                        .schema(new StringSchema().pattern("^[A-Za-z0-9_-]*={0,2}$"))
                        .description("a nextCursor of an earlier page, opaque");
            case "Idempotency-Key" ->
                parameter
                        .schema(new StringSchema()
                                .minLength(1)
                                .maxLength(settings.idempotency().maxKeyLength())
                                .pattern("^[\\x20-\\x7E]*$"))
                        .description("printable ASCII; the same key with the same body replays the first answer");
            case "Last-Event-ID", "lastEventId" ->
                parameter.description(
                        "the id of the last event the client received: an offset (one generation's stream) or a"
                                + " position of the per-user stream (v1:...)");
            case "ticket" ->
                parameter.description(
                        "a single-use stream ticket (POST /api/v1/stream-tickets), instead of the Authorization header");
            default -> {
                // described well enough by springdoc
            }
        }
    }
}
