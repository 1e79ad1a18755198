package io.picturepipeline.provider.local;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** Builds {@link LocalProvider.Stats} snapshots and their {@code /admin/stats} JSON. */
final class StatsView {

    private StatsView() {}

    static LocalProvider.Stats snapshot(Counters counters, PredictionStore store) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        store.countByStatus().forEach((status, count) -> byStatus.put(status.json(), count));
        return new LocalProvider.Stats(
                counters.createRequests.sum(),
                counters.created.sum(),
                counters.polls.sum(),
                counters.lists.sum(),
                counters.cancels.sum(),
                counters.fileDownloads.sum(),
                counters.webhookDeliveries.sum(),
                counters.webhookFailures.sum(),
                counters.injectedErrors.sum(),
                counters.hungRequests.sum(),
                counters.unauthorized.sum(),
                counters.rateLimited.sum(),
                Map.copyOf(byStatus));
    }

    static ObjectNode toJson(LocalProvider.Stats stats) {
        ObjectNode json = Json.object();
        json.put("createRequests", stats.createRequests());
        json.put("created", stats.created());
        json.put("polls", stats.polls());
        json.put("lists", stats.lists());
        json.put("cancels", stats.cancels());
        json.put("fileDownloads", stats.fileDownloads());
        json.put("webhookDeliveries", stats.webhookDeliveries());
        json.put("webhookFailures", stats.webhookFailures());
        json.put("injectedErrors", stats.injectedErrors());
        json.put("hungRequests", stats.hungRequests());
        json.put("unauthorized", stats.unauthorized());
        json.put("rateLimited", stats.rateLimited());
        ObjectNode byStatus = json.putObject("byStatus");
        for (Status status : Status.values()) {
            byStatus.put(status.json(), stats.byStatus().getOrDefault(status.json(), 0L));
        }
        return json;
    }
}
