package io.picturepipeline.ingest.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.BatchApi;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.ingest.ReadModel;
import io.picturepipeline.ingest.Sse;
import io.picturepipeline.ingest.derive.SourceImageLinks;
import io.picturepipeline.ingest.webhook.Receiver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** The OpenAPI description is generated, and kept true: every mapping is in it, every path in it answers. */
class OpenApiDescriptionTest extends IngestIntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    SourceImageLinks links;

    @Test
    void everyControllerMappingIsDescribedWithItsMethod() {
        JsonNode paths = description().get("paths");

        Set<String> missing = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping :
                mappings.getHandlerMethods().entrySet()) {
            if (!mapping.getValue().getBeanType().getPackageName().startsWith("io.picturepipeline.ingest")
                    || mapping.getKey().getPathPatternsCondition() == null) {
                continue;
            }
            for (String path : mapping.getKey().getPathPatternsCondition().getPatternValues()) {
                if (path.equals("/error")) {
                    continue;
                }
                mapping.getKey().getMethodsCondition().getMethods().forEach(method -> {
                    if (!paths.has(path) || !paths.get(path).has(method.name().toLowerCase(Locale.ROOT))) {
                        missing.add(method + " " + path);
                    }
                });
            }
        }

        assertThat(missing).as("mappings missing from /v3/api-docs").isEmpty();
        assertThat(paths.propertyNames())
                .contains(
                        "/api/v1/generations",
                        "/api/v1/generations/{id}",
                        "/api/v1/generations/{id}/events",
                        "/api/v1/events",
                        "/api/v1/limits",
                        "/api/v1/stream-tickets",
                        "/api/v1/models");
    }

    @Test
    void everyDescribedOperationAnswersSomethingOtherThanNotFoundOrMethodNotAllowed() throws IOException {
        String user = Api.newUser("documented");
        UUID id = api().submitValid(user, "described");
        Path image = STORAGE_ROOT.resolve(id + "/0.png");
        Files.createDirectories(image.getParent());
        Files.write(image, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        ReadModel.project(
                jdbc,
                id,
                user,
                "processing",
                row -> row.set(
                        "images",
                        "[{\"index\":0,\"key\":\"" + id + "/0.png\",\"contentType\":\"image/png\",\"bytes\":4}]"));
        UUID batch = BatchApi.submitValid(api(), user, 1);
        // a signed link is the source-image path's credential
        String sourceImage = URI.create(links.sign(id, 0)).getRawPath() + "?"
                + URI.create(links.sign(id, 0)).getRawQuery();
        JsonNode paths = description().get("paths");

        List<String> answers = new ArrayList<>();
        for (String template : paths.propertyNames()) {
            for (String method : paths.get(template).propertyNames()) {
                // a webhook endpoint's operations need an endpoint of the user's (a fresh one: one of them deletes it)
                String path = template.startsWith("/api/v1/source-images/")
                        ? sourceImage
                        : template.replace("{id}", idFor(template, user, batch, id))
                                .replace("{index}", "0");
                int status = call(method.toUpperCase(Locale.ROOT), path, user);
                answers.add(method.toUpperCase(Locale.ROOT) + " " + template + " " + status);
                assertThat(status).as(method + " " + template).isNotIn(404, 405).isLessThan(500);
            }
        }
        assertThat(answers).hasSizeGreaterThanOrEqualTo(10);
    }

    private String idFor(String template, String user, UUID batch, UUID generation) {
        if (template.startsWith("/api/v1/webhooks/")) {
            return endpoint(user);
        }
        return (template.startsWith("/api/v1/batches/") ? batch : generation).toString();
    }

    private String endpoint(String user) {
        Api.Response created = api().send(HttpRequest.newBuilder(api().uri("/api/v1/webhooks"))
                .header("Authorization", "Bearer " + Api.token(user))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"url\": \"" + Receiver.TRUSTED.receiver("described-" + UUID.randomUUID(), 204) + "\"}")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private int call(String method, String path, String user) {
        if (path.endsWith("/events")) {
            try (Sse stream = Sse.open(api(), path, user)) {
                return stream.status();
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(api().uri(path))
                .header("Authorization", "Bearer " + Api.token(user))
                .header("Content-Type", "application/json");
        request = switch (method) {
            case "POST" -> request.POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"described\"}"));
            case "DELETE" -> request.DELETE();
            default -> request.GET();
        };
        return api().send(request).status();
    }

    private JsonNode description() {
        Api.Response response = api().send(HttpRequest.newBuilder(api().uri("/v3/api-docs")));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
