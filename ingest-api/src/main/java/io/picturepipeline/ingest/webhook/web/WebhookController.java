package io.picturepipeline.ingest.webhook.web;

import io.picturepipeline.ingest.refusal.InvalidRequestException;
import io.picturepipeline.ingest.web.PathParameters;
import io.picturepipeline.ingest.webhook.EventFilter;
import io.picturepipeline.ingest.webhook.WebhookDelivery;
import io.picturepipeline.ingest.webhook.WebhookEndpoint;
import io.picturepipeline.ingest.webhook.WebhookEndpoints;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's webhook endpoints and their deliveries. */
@RestController
@RequestMapping(path = WebhookController.COLLECTION, produces = MediaType.APPLICATION_JSON_VALUE)
class WebhookController {

    static final String COLLECTION = "/api/v1/webhooks";
    private static final int RECENT_DELIVERIES = 50;

    private final WebhookEndpoints endpoints;

    WebhookController(WebhookEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** {@code events}: {@code terminal} (the default: completed, failed, cancelled) or {@code all}. */
    record CreateEndpoint(@Nullable String url, @Nullable String events) {}

    /** The endpoint with its signing secret: answered once, at creation and at each rotation. */
    record EndpointWithSecret(UUID id, String url, String events, boolean enabled, Instant createdAt, String secret) {}

    record EndpointResponse(
            UUID id,
            String url,
            String events,
            boolean enabled,
            @Nullable String disabledReason,
            @Nullable Instant disabledAt,
            Instant createdAt) {

        static EndpointResponse of(WebhookEndpoint endpoint) {
            return new EndpointResponse(
                    endpoint.id(),
                    endpoint.url(),
                    endpoint.events().wireName(),
                    endpoint.enabled(),
                    endpoint.disabledReason(),
                    endpoint.disabledAt(),
                    endpoint.createdAt());
        }
    }

    record Endpoints(List<EndpointResponse> items) {}

    record Deliveries(List<WebhookDelivery> items) {}

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<EndpointWithSecret> create(@AuthenticationPrincipal Jwt caller, @RequestBody CreateEndpoint body) {
        EventFilter events = body.events() == null
                ? EventFilter.TERMINAL
                : EventFilter.of(body.events())
                        .orElseThrow(() -> new InvalidRequestException("events", "must be terminal or all"));
        WebhookEndpoints.WithSecret created = endpoints.register(caller.getSubject(), body.url(), events);
        return ResponseEntity.created(
                        URI.create(COLLECTION + "/" + created.endpoint().id()))
                .body(withSecret(created));
    }

    @GetMapping
    Endpoints list(@AuthenticationPrincipal Jwt caller) {
        return new Endpoints(endpoints.list(caller.getSubject()).stream()
                .map(EndpointResponse::of)
                .toList());
    }

    @GetMapping("/{id}")
    EndpointResponse get(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return EndpointResponse.of(endpoints.get(PathParameters.endpointId(id), caller.getSubject()));
    }

    /** A new secret; the previous one keeps signing beside it for a grace period (two signatures). */
    @PostMapping("/{id}/rotate-secret")
    EndpointWithSecret rotate(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return withSecret(endpoints.rotate(PathParameters.endpointId(id), caller.getSubject()));
    }

    @PostMapping("/{id}/enable")
    EndpointResponse enable(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return EndpointResponse.of(endpoints.enable(PathParameters.endpointId(id), caller.getSubject()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        endpoints.delete(PathParameters.endpointId(id), caller.getSubject());
        return ResponseEntity.noContent().build();
    }

    /** The endpoint's most recent deliveries, newest first. */
    @GetMapping("/{id}/deliveries")
    Deliveries deliveries(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return new Deliveries(
                endpoints.deliveries(PathParameters.endpointId(id), caller.getSubject(), RECENT_DELIVERIES));
    }

    private static EndpointWithSecret withSecret(WebhookEndpoints.WithSecret created) {
        WebhookEndpoint endpoint = created.endpoint();
        return new EndpointWithSecret(
                endpoint.id(),
                endpoint.url(),
                endpoint.events().wireName(),
                endpoint.enabled(),
                endpoint.createdAt(),
                created.secret());
    }
}
