package io.picturepipeline.provider.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * Serves {@code /v1/...}: routes, counts the request, checks the bearer token and the account's rate limits, then
 * injects faults before running the operation, so injected failures are counted as requests too.
 */
final class ApiHandler extends SafeHandler {

    private final PredictionEndpoints endpoints;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final FaultInjector faults;
    private final Hanger hanger;
    private final Counters counters;

    ApiHandler(
            PredictionEndpoints endpoints,
            Authenticator authenticator,
            RateLimiter rateLimiter,
            FaultInjector faults,
            Hanger hanger,
            Counters counters) {
        this.endpoints = endpoints;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.faults = faults;
        this.hanger = hanger;
        this.counters = counters;
    }

    @Override
    void serve(HttpExchange exchange) throws IOException {
        ApiRoute route = ApiRoute.of(
                exchange.getRequestMethod(), exchange.getRequestURI().getPath());
        count(route.kind());
        String account = authenticator.check(exchange);
        rateLimiter.take(account, route.kind() == ApiRoute.Kind.CREATE);
        FaultInjector.Decision decision = faults.decideApiCall();
        if (decision.hang()) {
            hanger.hold(exchange);
            return;
        }
        if (decision.status() != 0) {
            counters.injectedErrors.increment();
            throw ApiException.injected(decision.status(), faults.current().retryAfterSeconds(), "injected fault");
        }
        switch (route.kind()) {
            case CREATE -> endpoints.create(exchange, route.model());
            case LIST -> endpoints.list(exchange);
            case GET -> endpoints.get(exchange, route.id());
            case CANCEL -> endpoints.cancel(exchange, route.id());
            case SECRET -> endpoints.webhookSecret(exchange);
            case MODEL -> endpoints.model(exchange, route.id());
        }
    }

    private void count(ApiRoute.Kind kind) {
        switch (kind) {
            case CREATE -> counters.createRequests.increment();
            case LIST -> counters.lists.increment();
            case GET -> counters.polls.increment();
            case CANCEL -> counters.cancels.increment();
            case SECRET, MODEL -> {}
        }
    }
}
