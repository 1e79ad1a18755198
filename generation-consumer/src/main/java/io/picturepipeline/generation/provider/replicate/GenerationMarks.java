package io.picturepipeline.generation.provider.replicate;

import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a prediction is tied to its generation, to find one whose create answer was lost: a create carries the
 * generation id in its webhook URL (Replicate echoes the URL in every listing; it drops inputs a model does not
 * declare) and in an input field (echoed by providers that echo inputs, the local one); a listed prediction is the
 * generation's when either carries it.
 */
final class GenerationMarks {

    /** The query parameter of the webhook URL that names the generation. */
    static final String WEBHOOK_PARAMETER = "generation";
    /** The input field that names the generation. */
    static final String INPUT = "pp_generation_id";

    private GenerationMarks() {}

    static void markInput(ObjectNode input, UUID generationId) {
        input.put(INPUT, generationId.toString());
    }

    static String markWebhook(String webhook, UUID generationId) {
        return webhook + (webhook.contains("?") ? "&" : "?") + WEBHOOK_PARAMETER + "=" + generationId;
    }

    static boolean marks(JsonNode prediction, String generationId) {
        String webhook = prediction.path("webhook").asString("");
        int query = webhook.indexOf('?');
        if (query >= 0) {
            for (String parameter : webhook.substring(query + 1).split("&")) {
                if (parameter.equals(WEBHOOK_PARAMETER + "=" + generationId)) {
                    return true;
                }
            }
        }
        return generationId.equals(prediction.path("input").path(INPUT).asString(""));
    }
}
