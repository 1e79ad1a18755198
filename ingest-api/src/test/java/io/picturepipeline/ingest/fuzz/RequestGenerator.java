package io.picturepipeline.ingest.fuzz;

import io.picturepipeline.ingest.Api;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Generates requests for an operation from its description, from one seeded {@link Random} (the same seed gives the
 * same requests): about a third valid (values within the documented schemas, bodies the model catalogue accepts), the
 * rest hostile in one respect each — the token, a path or query value, a header, the body, or another user's id.
 */
final class RequestGenerator {

    /** Values no parameter of this API accepts, or only just. */
    private static final List<String> ODD_VALUES = List.of(
            "",
            " ",
            "-1",
            "0",
            "2147483648",
            "-9223372036854775809",
            "99999999999999999999999",
            "1e3",
            "NaN",
            "null",
            "true",
            "[]",
            "{}",
            "ünïcödé",
            "🙂",
            "\u202Eevil",
            "' or 1=1 --",
            "../../etc/passwd",
            "<script>alert(1)</script>",
            "%s%n",
            "a,b",
            "v1:",
            "v1:zz.zz",
            "v2:0",
            "00000000-0000-0000-0000-000000000000",
            "0B6F0B1E-6A44-4A43-9A70-3F3C1B8F2D10",
            "0b6f0b1e6a444a439a703f3c1b8f2d10",
            "18446744073709551616");

    /** Sent without percent-encoding: what a sloppy or hostile client puts into a URL. */
    private static final List<String> RAW_VALUES =
            List.of("%", "%zz", "%00", "%2F", "%2e%2e", "a;b=c", "%0d%0aX-Injected:%20yes", "%C0%AF", "\\", "//");

    private final Random random;
    private final Fixtures fixtures;
    private final LiveDescription description;

    RequestGenerator(Random random, Fixtures fixtures, LiveDescription description) {
        this.random = random;
        this.fixtures = fixtures;
        this.description = description;
    }

    Attempt next(Operation operation) {
        Draft draft = valid(operation);
        if (random.nextInt(100) < 35) {
            return draft.build("valid");
        }
        List<Runnable> hostile = new ArrayList<>();
        if (operation.secured()) {
            hostile.add(() -> badToken(draft));
        }
        if (operation.path().contains("{id}")) {
            hostile.add(() -> badPathValue(draft, operation));
            hostile.add(() -> strangersId(draft));
        }
        if (operation.parameters().stream().anyMatch(p -> p.in().equals("query"))) {
            hostile.add(() -> badQueryValue(draft, operation));
        }
        if (operation.parameters().stream().anyMatch(p -> p.name().equals("cursor"))) {
            hostile.add(() -> forgedCursor(draft));
        }
        if (operation.body() != null) {
            hostile.add(() -> badBody(draft, operation));
            hostile.add(() -> badBody(draft, operation));
            hostile.add(() -> badContentType(draft));
        }
        hostile.add(() -> oddHeader(draft, operation));
        hostile.add(() -> unknownQueryParameter(draft));
        hostile.get(random.nextInt(hostile.size())).run();
        return draft.build(draft.kind);
    }

    // ---- valid requests

    private Draft valid(Operation operation) {
        Draft draft = new Draft(operation);
        String user = operation.body() != null ? Api.newUser("fuzz") : fixtures.owner();
        if (operation.secured()) {
            draft.headers.put("Authorization", Tokens.good(user));
        }
        UUID id = operation.path().contains("/images/") ? fixtures.withImage() : pick(fixtures.owned());
        draft.pathValues.put("id", encode(id.toString()));
        draft.pathValues.put("index", "0");
        for (Operation.Parameter parameter : operation.parameters()) {
            if (parameter.in().equals("path") || !(parameter.required() || random.nextInt(100) < 40)) {
                continue;
            }
            String value = validValue(parameter);
            if (value == null) {
                continue;
            }
            if (parameter.in().equals("query")) {
                draft.query.add(Map.entry(parameter.name(), encode(value)));
            } else if (parameter.in().equals("header")) {
                draft.headers.put(parameter.name(), value);
            }
        }
        if (operation.body() != null) {
            draft.headers.put("Content-Type", "application/json");
            draft.body =
                    Api.JSON.writeValueAsString(random.nextInt(100) < 70 ? catalogueBody() : schemaBody(operation));
        }
        return draft;
    }

    private @Nullable String validValue(Operation.Parameter parameter) {
        return switch (parameter.name()) {
            case "cursor" -> fixtures.cursors().isEmpty() ? null : pick(fixtures.cursors());
            case "ticket" -> null; // a ticket replaces the bearer token: see badToken
            case "lastEventId", "Last-Event-ID" -> random.nextBoolean() ? Long.toString(random.nextInt(1000)) : null;
            default -> valueOf(parameter.schema()).toString();
        };
    }

    /** A submission the catalogue accepts: a model, one of its sizes, steps within its range. */
    private Map<String, Object> catalogueBody() {
        JsonNode models = fixtures.models().get("models");
        JsonNode model = models.get(random.nextInt(models.size()));
        JsonNode size = model.get("sizes").get(random.nextInt(model.get("sizes").size()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("prompt", words(1 + random.nextInt(12)));
        body.put("model", model.get("id").asString());
        body.put("width", size.get("width").asInt());
        body.put("height", size.get("height").asInt());
        JsonNode steps = model.path("steps");
        if (steps.isObject() && random.nextBoolean()) {
            body.put("steps", between(steps.get("min").asInt(), steps.get("max").asInt()));
        }
        if (random.nextBoolean()) {
            body.put("seed", (long) random.nextInt(Integer.MAX_VALUE));
        }
        return body;
    }

    /** A body valid by the schema alone: most of them the catalogue refuses (400), which is a documented answer. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> schemaBody(Operation operation) {
        return (Map<String, Object>) valueOf(operation.body());
    }

    private Object valueOf(JsonNode schema) {
        JsonNode resolved = description.resolve(schema);
        if (resolved.has("enum")) {
            return resolved.get("enum")
                    .get(random.nextInt(resolved.get("enum").size()))
                    .asString();
        }
        String type = resolved.path("type").asString("string");
        String format = resolved.path("format").asString("");
        return switch (type) {
            case "integer" -> {
                long min = resolved.has("minimum") ? resolved.get("minimum").asLong() : -1000;
                long max = resolved.has("maximum") ? resolved.get("maximum").asLong() : 1_000_000;
                int roll = random.nextInt(10);
                long value = roll == 0 ? min : roll == 1 ? max : min + (long) (random.nextDouble() * (max - min));
                yield format.equals("int64") ? (Object) value : (Object) (int) value;
            }
            case "number" -> {
                double min = resolved.has("minimum") ? resolved.get("minimum").asDouble() : -1000;
                double max = resolved.has("maximum") ? resolved.get("maximum").asDouble() : 1000;
                yield min + random.nextDouble() * (max - min);
            }
            case "boolean" -> random.nextBoolean();
            case "object" -> {
                Map<String, Object> object = new LinkedHashMap<>();
                List<String> required = new ArrayList<>();
                resolved.path("required").forEach(name -> required.add(name.asString()));
                for (String name : resolved.path("properties").propertyNames()) {
                    if (required.contains(name) || random.nextBoolean()) {
                        object.put(name, valueOf(resolved.get("properties").get(name)));
                    }
                }
                yield object;
            }
            default ->
                switch (format) {
                    case "uuid" -> pick(fixtures.owned()).toString();
                    case "uri" -> "https://images.example.com/" + words(1) + ".png";
                    case "date-time" -> java.time.Instant.now().toString();
                    default -> {
                        int max = resolved.has("maxLength")
                                ? resolved.get("maxLength").asInt()
                                : 40;
                        int min = Math.max(1, resolved.path("minLength").asInt(0));
                        String text = words(1 + random.nextInt(6));
                        yield text.length() > max
                                ? text.substring(0, max)
                                : text.length() < min ? "x".repeat(min) : text;
                    }
                };
        };
    }

    // ---- hostile requests, one respect each

    private void badToken(Draft draft) {
        int roll = random.nextInt(Tokens.values().length + 2);
        String user = fixtures.owner();
        if (roll == Tokens.values().length) {
            draft.headers.remove("Authorization");
            draft.kind = "hostile:token:none";
        } else if (roll == Tokens.values().length + 1) {
            draft.headers.remove("Authorization");
            draft.query.add(Map.entry("ticket", encode(Base64.getUrlEncoder().encodeToString(bytes(32)))));
            draft.kind = "hostile:token:unknown-ticket";
        } else {
            Tokens token = Tokens.values()[roll];
            draft.headers.put("Authorization", token.header(user));
            draft.kind = "hostile:token:" + token.name().toLowerCase(java.util.Locale.ROOT);
        }
        draft.mustAnswer = 401;
    }

    private void badPathValue(Draft draft, Operation operation) {
        String name = operation.path().contains("{index}") && random.nextBoolean() ? "index" : "id";
        String value;
        int roll = random.nextInt(10);
        if (roll < 2) {
            value = pick(RAW_VALUES);
        } else if (roll < 3) {
            value = encode("x".repeat(1000 + random.nextInt(6000)));
        } else if (roll < 4) {
            value = encode(UUID.randomUUID().toString()); // nobody's
        } else {
            value = encode(pick(ODD_VALUES));
        }
        if (value.isEmpty()) {
            value = "%20";
        }
        draft.pathValues.put(name, value);
        draft.kind = "hostile:path:" + name;
    }

    private void strangersId(Draft draft) {
        draft.pathValues.put("id", fixtures.strangers().toString());
        draft.pathValues.put("index", "0");
        draft.kind = "hostile:another-users-id";
        draft.mustAnswer = 404;
    }

    private void badQueryValue(Draft draft, Operation operation) {
        List<Operation.Parameter> query = operation.parameters().stream()
                .filter(p -> p.in().equals("query") && !p.name().equals("ticket"))
                .toList();
        if (query.isEmpty()) {
            unknownQueryParameter(draft);
            return;
        }
        Operation.Parameter parameter = pick(query);
        String value;
        int roll = random.nextInt(10);
        if (parameter.name().equals("cursor") && roll < 6) {
            value = encode(badCursor());
        } else if (roll < 2) {
            value = pick(RAW_VALUES);
        } else if (roll < 3) {
            value = encode("9".repeat(100 + random.nextInt(4000)));
        } else {
            value = encode(pick(ODD_VALUES));
        }
        draft.query.removeIf(entry -> entry.getKey().equals(parameter.name()));
        draft.query.add(Map.entry(parameter.name(), value));
        if (random.nextInt(5) == 0) {
            draft.query.add(Map.entry(parameter.name(), encode(pick(ODD_VALUES)))); // twice
        }
        draft.kind = "hostile:query:" + parameter.name();
    }

    private void forgedCursor(Draft draft) {
        draft.query.removeIf(entry -> entry.getKey().equals("cursor"));
        draft.query.add(Map.entry("cursor", encode(badCursor())));
        draft.kind = "hostile:query:forged-cursor";
    }

    /**
     * Cursors a client could forge: mostly the API's own shape (base64url of {@code <epoch µs>:<uuid>}) with values
     * no page could start at, else the wrong shape.
     */
    private String badCursor() {
        String uuid = UUID.randomUUID().toString();
        if (random.nextInt(10) < 7) {
            long micros = pick(List.of(
                    -9_000_000_000_000_000_000L, // before PostgreSQL's first timestamp (4713 BC)
                    Long.MIN_VALUE,
                    Long.MAX_VALUE, // after its last (294276 AD)
                    9_000_000_000_000_000_000L,
                    253_402_300_800_000_000L, // the year 10000
                    -62_135_596_800_000_001L)); // a microsecond before the year 1
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((micros + ":" + uuid).getBytes(StandardCharsets.UTF_8));
        }
        String text = pick(List.of(
                "1:not-a-uuid",
                ":" + uuid,
                "1:" + uuid + ":extra",
                "99999999999999999999:" + uuid,
                "0x10:" + uuid,
                "1",
                ""));
        return random.nextBoolean() ? text : Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private void badBody(Draft draft, Operation operation) {
        JsonNode schema = operation.body();
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) Api.JSON.readValue(draft.body, LinkedHashMap.class);
        List<String> fields = new ArrayList<>(schema.path("properties").propertyNames());
        String field = pick(fields);
        int roll = random.nextInt(14);
        String what;
        switch (roll) {
            case 0 -> {
                body.remove("prompt");
                what = "missing-required";
            }
            case 1 -> {
                body.put(pick(List.of("colour", "Prompt", "num_outputs", "__proto__", "owner", "id")), "x");
                what = "unknown-field";
            }
            case 2 -> {
                body.put(field, pick(List.of(List.of(1, 2), Map.of("a", 1), true, "twelve", 12.5, -1)));
                what = "wrong-type:" + field;
            }
            case 3 -> {
                body.put(field, null);
                what = "null:" + field;
            }
            case 4 -> {
                JsonNode property = description.resolve(schema.get("properties").get(field));
                body.put(field, outOfRange(property));
                what = "out-of-range:" + field;
            }
            case 5 -> {
                body.put(field, "x".repeat(pick(List.of(2001, 70_000, 1_100_000))));
                what = "huge-string:" + field;
            }
            case 6 -> {
                body.put(field, pick(List.of("\u0000", "\uD83D\uDE00".repeat(1000), "\u202E", "\\u0000", " \t\n")));
                what = "odd-text:" + field;
            }
            default -> {
                draft.body = rawBody(roll);
                draft.kind = "hostile:body:raw-" + roll;
                return;
            }
        }
        draft.body = Api.JSON.writeValueAsString(body);
        draft.kind = "hostile:body:" + what;
    }

    private Object outOfRange(JsonNode property) {
        if (property.has("maximum") && random.nextBoolean()) {
            return property.get("maximum").asLong() + 1 + random.nextInt(3);
        }
        if (property.has("minimum")) {
            return property.get("minimum").asLong() - 1 - random.nextInt(3);
        }
        return pick(List.of(Long.MAX_VALUE, Long.MIN_VALUE, 1e308, -1e308));
    }

    /** Bodies that are not the JSON object asked for, or JSON a parser must bound. */
    private String rawBody(int roll) {
        return switch (roll) {
            case 7 -> pick(List.of("", "[]", "\"prompt\"", "42", "null", "true"));
            case 8 -> "{\"prompt\": \"unterminated";
            case 9 -> "[".repeat(5_000 + random.nextInt(50_000)) + "]".repeat(5);
            case 10 -> "{\"prompt\": \"a\", \"seed\": 1" + "0".repeat(2_000 + random.nextInt(200_000)) + "}";
            case 11 -> "{\"prompt\": \"a\", \"prompt\": \"b\"}";
            case 12 -> "{\"prompt\": \"a\", \"width\": 1e400}";
            default -> "{\"prompt\": \"a\"" + ", \"x\": {\"y\": 1}".repeat(1 + random.nextInt(3)) + "} trailing";
        };
    }

    private void badContentType(Draft draft) {
        String type = pick(List.of(
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/json; charset=utf-16",
                "application/json; charset=nope",
                "application/*",
                "garbage",
                ""));
        if (type.isEmpty()) {
            draft.headers.remove("Content-Type");
        } else {
            draft.headers.put("Content-Type", type);
        }
        draft.kind = "hostile:content-type:" + (type.isEmpty() ? "none" : type);
    }

    private void oddHeader(Draft draft, Operation operation) {
        List<Map.Entry<String, String>> odd = new ArrayList<>(List.of(
                Map.entry("Accept", "text/html"),
                Map.entry("Accept", "application/xml"),
                Map.entry("Accept", "image/png"),
                Map.entry("Accept", "garbage"),
                Map.entry("Accept", "*/*;q=x"),
                Map.entry("Accept-Language", "xx-" + "y".repeat(300)),
                Map.entry("X-Forwarded-For", "127.0.0.1, 10.0.0.1"),
                Map.entry("X-Forwarded-Host", "evil.example"),
                Map.entry("Origin", "https://evil.example"),
                Map.entry("Range", "bytes=-1"),
                Map.entry("Range", "bytes=1000-2000"),
                Map.entry("Range", "bytes=abc"),
                Map.entry("If-None-Match", "*"),
                Map.entry("X-Huge", "h".repeat(4000 + random.nextInt(12_000))),
                Map.entry("Last-Event-ID", pick(ODD_VALUES)),
                Map.entry(
                        "Idempotency-Key",
                        pick(List.of("", " ", "k".repeat(256 + random.nextInt(2000)), "ключ", "tab\tkey")))));
        Map.Entry<String, String> header = pick(odd);
        draft.headers.put(header.getKey(), header.getValue());
        draft.kind = "hostile:header:" + header.getKey();
    }

    private void unknownQueryParameter(Draft draft) {
        draft.query.add(Map.entry(pick(List.of("debug", "owner", "user", "admin", "sort", "__proto__")), "1"));
        draft.kind = "hostile:query:unknown";
    }

    // ---- helpers

    private String words(int count) {
        List<String> words = List.of(
                "lighthouse",
                "dawn",
                "oil",
                "painting",
                "kite",
                "red",
                "storm",
                "fox",
                "forest",
                "neon",
                "city",
                "watercolour",
                "ünïcödé",
                "夜",
                "🙂");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(pick(words));
        }
        return text.toString();
    }

    private int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A request being put together; {@link #build} fills the path template. */
    private static final class Draft {

        private final Operation operation;
        private final Map<String, String> pathValues = new LinkedHashMap<>();
        private final List<Map.Entry<String, String>> query = new ArrayList<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private @Nullable String body;
        private String kind = "valid";
        private @Nullable Integer mustAnswer;

        Draft(Operation operation) {
            this.operation = operation;
        }

        Attempt build(String kind) {
            String path = operation.path();
            for (Map.Entry<String, String> value : pathValues.entrySet()) {
                path = path.replace("{" + value.getKey() + "}", value.getValue());
            }
            StringBuilder target = new StringBuilder(path);
            for (int i = 0; i < query.size(); i++) {
                target.append(i == 0 ? '?' : '&')
                        .append(query.get(i).getKey())
                        .append('=')
                        .append(query.get(i).getValue());
            }
            return new Attempt(
                    operation,
                    kind,
                    target.toString(),
                    Map.copyOf(headers),
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                    mustAnswer);
        }
    }
}
