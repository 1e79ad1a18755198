package io.picturepipeline.provider.local;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replicate's {@code GET /v1/predictions}: newest first, 100 a page, {@code next}/{@code previous} as full URLs
 * carrying an opaque {@code cursor}, filtered by {@code created_after} (inclusive), {@code created_before} and
 * {@code source}.
 */
final class PredictionList {

    static final int PAGE_SIZE = 100;

    private static final Base64.Encoder CURSOR_ENCODER = Base64.getUrlEncoder().withoutPadding();

    private PredictionList() {}

    /** {@code rawQuery} as received (may be {@code null}); {@code base} e.g. {@code http://127.0.0.1:8090}. */
    static ObjectNode page(PredictionStore store, String rawQuery, String base, Instant now) {
        Map<String, String> query = parse(rawQuery);
        Predicate<Prediction> filter = filter(query);
        Cursor cursor = Cursor.decode(query.get("cursor"));
        List<Prediction> page = cursor == null
                ? store.page(null, true, PAGE_SIZE, filter)
                : store.page(cursor.sequence(), cursor.older(), PAGE_SIZE, filter);
        ObjectNode json = Json.object();
        if (page.isEmpty()) {
            json.putNull("next");
            json.putNull("previous");
        } else {
            long newest = page.get(0).sequence;
            long oldest = page.get(page.size() - 1).sequence;
            putLink(json, "next", store.any(oldest, true, filter), base, query, new Cursor(oldest, true));
            putLink(
                    json,
                    "previous",
                    cursor != null && store.any(newest, false, filter),
                    base,
                    query,
                    new Cursor(newest, false));
        }
        ArrayNode results = json.putArray("results");
        page.forEach(prediction -> results.add(PredictionJson.render(prediction, now)));
        return json;
    }

    private static void putLink(
            ObjectNode json, String name, boolean exists, String base, Map<String, String> query, Cursor cursor) {
        if (!exists) {
            json.putNull(name);
            return;
        }
        Map<String, String> params = new LinkedHashMap<>(query);
        params.put("cursor", cursor.encode());
        StringBuilder url = new StringBuilder(base).append("/v1/predictions");
        char separator = '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            url.append(separator)
                    .append(param.getKey())
                    .append('=')
                    .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        json.put(name, url.toString());
    }

    private static Predicate<Prediction> filter(Map<String, String> query) {
        Instant after = instant(query, "created_after");
        Instant before = instant(query, "created_before");
        String source = query.get("source");
        if (source != null && !source.equals("api") && !source.equals("web")) {
            throw ApiException.invalid("source must be api or web");
        }
        boolean none = "web".equals(source);
        return prediction -> !none
                && (after == null || !prediction.timeline.createdAt().isBefore(after))
                && (before == null || prediction.timeline.createdAt().isBefore(before));
    }

    private static Instant instant(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name + " must be an ISO 8601 date-time, got: " + value);
        }
    }

    private static Map<String, String> parse(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            if (!key.isEmpty()) {
                query.put(key, value);
            }
        }
        return query;
    }

    /** Where a page continues: the predictions older or newer than the one with {@code sequence}. */
    private record Cursor(long sequence, boolean older) {

        String encode() {
            return CURSOR_ENCODER.encodeToString(((older ? "o" : "n") + sequence).getBytes(StandardCharsets.US_ASCII));
        }

        static Cursor decode(String value) {
            if (value == null) {
                return null;
            }
            try {
                String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.US_ASCII);
                char direction = text.charAt(0);
                if (direction != 'o' && direction != 'n') {
                    throw new IllegalArgumentException(text);
                }
                return new Cursor(Long.parseLong(text.substring(1)), direction == 'o');
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw ApiException.of(400, "Bad Request", "Invalid cursor.");
            }
        }
    }
}
