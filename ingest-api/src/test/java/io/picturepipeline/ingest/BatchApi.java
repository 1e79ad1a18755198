package io.picturepipeline.ingest;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Submits batches to the API under test and reads their answers. */
public final class BatchApi {

    private BatchApi() {}

    /** A body of {@code count} valid items with prompts "picture 0", "picture 1", … */
    public static String items(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> "{\"prompt\": \"picture " + i + "\"}")
                .collect(Collectors.joining(", ", "{\"items\": [", "]}"));
    }

    public static Api.Response submit(Api api, String user, String body, @Nullable String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri("/api/v1/batches"))
                .header("Authorization", "Bearer " + Api.token(user))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return api.send(request);
    }

    /** Submits a valid batch of {@code count}; returns its id. */
    public static UUID submitValid(Api api, String user, int count) {
        Api.Response response = submit(api, user, items(count), null);
        if (response.status() != 202) {
            throw new AssertionError("expected 202 but got " + response);
        }
        return UUID.fromString(response.json().get("id").asString());
    }

    /** The generation ids of an accepted batch's answer (or of its GET: the items' ids). */
    public static List<UUID> itemIds(JsonNode items) {
        List<UUID> ids = new ArrayList<>();
        for (JsonNode item : items) {
            ids.add(UUID.fromString(
                    item.isString() ? item.asString() : item.get("id").asString()));
        }
        return ids;
    }
}
