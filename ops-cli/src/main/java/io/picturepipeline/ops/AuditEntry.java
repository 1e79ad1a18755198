package io.picturepipeline.ops;

import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What ops did with one dead letter, as kept on {@code pipeline.dlt-audit} under its ref: who, when, why, how the
 * dead letter was selected, and the result. The newest entry of a ref is its state.
 */
record AuditEntry(
        String ref, Action action, Instant at, String by, String reason, String selection, String result, String run) {

    enum Action {
        REPLAYED,
        RESOLVED;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    byte[] toJson() {
        ObjectNode node = JSON.createObjectNode()
                .put("ref", ref)
                .put("action", action.wireName())
                .put("at", at.toString())
                .put("by", by)
                .put("reason", reason)
                .put("selection", selection)
                .put("result", result)
                .put("run", run);
        return JSON.writeValueAsBytes(node);
    }

    /** The entry in {@code bytes}, or {@code null} when they hold something else (a run summary). */
    static AuditEntry fromJson(byte[] bytes) {
        JsonNode node = JSON.readTree(bytes);
        String action = node.path("action").asString("");
        if (!action.equals("replayed") && !action.equals("resolved")) {
            return null;
        }
        return new AuditEntry(
                node.path("ref").asString(""),
                Action.valueOf(action.toUpperCase(java.util.Locale.ROOT)),
                Instant.parse(node.path("at").asString()),
                node.path("by").asString(""),
                node.path("reason").asString(""),
                node.path("selection").asString(""),
                node.path("result").asString(""),
                node.path("run").asString(""));
    }

    String describe() {
        return action.wireName() + " " + at + " by " + by + ": " + reason
                + (result.isEmpty() ? "" : " (" + result + ")");
    }
}
