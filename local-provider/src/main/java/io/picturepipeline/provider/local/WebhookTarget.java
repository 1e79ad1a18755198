package io.picturepipeline.provider.local;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Where and for which events ({@code start}, {@code output}, {@code logs}, {@code completed}) to send webhooks. */
record WebhookTarget(URI url, Set<String> events) {

    private static final List<String> ORDER = List.of("start", "output", "logs", "completed");
    private static final Set<String> KNOWN_EVENTS = Set.copyOf(ORDER);
    private static final Set<String> DEFAULT_EVENTS = Set.of("output", "completed");

    /** From the create body; {@code null} when no {@code webhook} was given. Invalid values are a 422. */
    static WebhookTarget from(JsonNode body) {
        JsonNode webhook = body.get("webhook");
        if (webhook == null || webhook.isNull() || webhook.asString("").isBlank()) {
            return null;
        }
        URI url;
        try {
            url = URI.create(webhook.asString().trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("webhook must be a valid URL");
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw ApiException.invalid("webhook must be an http(s) URL");
        }
        return new WebhookTarget(url, events(body.get("webhook_events_filter")));
    }

    private static Set<String> events(JsonNode filter) {
        if (filter == null || filter.isNull()) {
            return DEFAULT_EVENTS;
        }
        if (!filter.isArray() || filter.isEmpty()) {
            throw ApiException.invalid("webhook_events_filter must be a non-empty array");
        }
        Set<String> events = new HashSet<>();
        for (JsonNode event : filter) {
            if (!KNOWN_EVENTS.contains(event.asString(""))) {
                throw ApiException.invalid("webhook_events_filter entries must be one of " + KNOWN_EVENTS);
            }
            events.add(event.asString());
        }
        return Set.copyOf(events);
    }

    /** The filter in Replicate's order ({@code start, output, logs, completed}). */
    List<String> orderedEvents() {
        return ORDER.stream().filter(events::contains).toList();
    }

    boolean wants(String event) {
        return events.contains(event);
    }
}
