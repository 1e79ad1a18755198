package io.picturepipeline.provider.local;

import io.picturepipeline.schemas.ModelCatalogue;
import io.picturepipeline.schemas.ModelSpec;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replicate's model object ({@code GET /v1/models/{owner}/{name}}) for the models of our catalogue, each with one
 * deterministic latest version (the one {@code /v1/models/{owner}/{name}/predictions} runs) and a Cog-style
 * {@code openapi_schema} whose {@code Input} describes what the catalogue allows.
 */
final class ModelJson {

    /** A fixed, plausible version date: the fake versions never change. */
    private static final String VERSION_CREATED_AT = "2024-08-01T00:00:00.000000Z";

    private ModelJson() {}

    static Optional<ObjectNode> find(String owner, String name) {
        return ModelCatalogue.find(owner + "/" + name).map(ModelJson::render);
    }

    private static ObjectNode render(ModelSpec spec) {
        String[] ownerAndName = spec.id().split("/", 2);
        ObjectNode json = Json.object();
        json.put("url", "https://replicate.com/" + spec.id());
        json.put("owner", ownerAndName[0]);
        json.put("name", ownerAndName[1]);
        json.put("description", spec.displayName() + " (local-provider fake)");
        json.put("visibility", "public");
        json.put("is_official", true);
        json.putNull("github_url");
        json.putNull("paper_url");
        json.putNull("license_url");
        json.put("run_count", 0);
        json.putNull("cover_image_url");
        json.putNull("default_example");
        ObjectNode version = json.putObject("latest_version");
        version.put("id", ModelRef.forModel(spec.id()).version());
        version.put("created_at", VERSION_CREATED_AT);
        version.put("cog_version", "0.9.0");
        version.set("openapi_schema", openapiSchema(spec));
        return json;
    }

    private static ObjectNode openapiSchema(ModelSpec spec) {
        ObjectNode schema = Json.object();
        schema.put("openapi", "3.0.2");
        schema.putObject("info").put("title", "Cog").put("version", "0.1.0");
        ObjectNode schemas = schema.putObject("components").putObject("schemas");
        ObjectNode input = schemas.putObject("Input").put("type", "object").put("title", "Input");
        input.putArray("required").add("prompt");
        ObjectNode properties = input.putObject("properties");
        int order = 0;
        properties
                .putObject("prompt")
                .put("type", "string")
                .put("title", "Prompt")
                .put("x-order", order++);
        if (spec.usesAspectRatio()) {
            ObjectNode ratio = properties.putObject("aspect_ratio").put("type", "string");
            spec.aspectRatios().keySet().forEach(ratio.putArray("enum")::add);
            ratio.put(
                    "default",
                    spec.aspectRatios().containsKey("1:1")
                            ? "1:1"
                            : spec.aspectRatios().keySet().iterator().next());
            ratio.put("x-order", order++);
        } else {
            for (String side : new String[] {"width", "height"}) {
                properties
                        .putObject(side)
                        .put("type", "integer")
                        .put("minimum", spec.dimensions().min())
                        .put("maximum", spec.dimensions().max())
                        .put("default", 1024)
                        .put("x-order", order++);
            }
        }
        properties
                .putObject("num_outputs")
                .put("type", "integer")
                .put("minimum", 1)
                .put("maximum", spec.maxOutputs())
                .put("default", 1)
                .put("x-order", order++);
        if (spec.steps() != null) {
            properties
                    .putObject("num_inference_steps")
                    .put("type", "integer")
                    .put("minimum", spec.steps().min())
                    .put("maximum", spec.steps().max())
                    .put("default", spec.steps().defaultValue())
                    .put("x-order", order++);
        }
        if (spec.guidance() != null) {
            properties
                    .putObject(spec.id().startsWith("black-forest-labs/") ? "guidance" : "guidance_scale")
                    .put("type", "number")
                    .put("minimum", spec.guidance().min())
                    .put("maximum", spec.guidance().max())
                    .put("default", spec.guidance().defaultValue())
                    .put("x-order", order++);
        }
        if (spec.negativePrompt()) {
            properties.putObject("negative_prompt").put("type", "string").put("x-order", order++);
        }
        properties.putObject("seed").put("type", "integer").put("x-order", order++);
        ObjectNode format = properties.putObject("output_format").put("type", "string");
        format.putArray("enum").add(spec.outputFormat());
        format.put("default", spec.outputFormat()).put("x-order", order);
        schemas.putObject("Output")
                .put("type", "array")
                .put("title", "Output")
                .putObject("items")
                .put("type", "string")
                .put("format", "uri");
        return schema;
    }
}
