package io.picturepipeline.provider.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Operator API (no auth): {@code GET|PUT|PATCH|DELETE /admin/faults}, {@code GET /admin/stats}, {@code GET
 * /health}. PUT replaces all faults (absent fields = no fault), PATCH changes only the given fields.
 */
final class AdminHandler extends SafeHandler {

    private final FaultInjector faults;
    private final Supplier<LocalProvider.Stats> stats;

    AdminHandler(FaultInjector faults, Supplier<LocalProvider.Stats> stats) {
        this.faults = faults;
        this.stats = stats;
    }

    @Override
    void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
        String method = exchange.getRequestMethod();
        switch (path) {
            case "/admin/faults" -> faults(exchange, method);
            case "/admin/stats" -> {
                requireGet(method);
                HttpIo.sendJson(exchange, 200, StatsView.toJson(stats.get()));
            }
            case "/health" -> {
                requireGet(method);
                HttpIo.sendJson(exchange, 200, Json.object().put("status", "UP"));
            }
            default -> throw ApiException.notFound();
        }
    }

    private void faults(HttpExchange exchange, String method) throws IOException {
        switch (method) {
            case "GET" -> {}
            case "PUT" -> faults.set(FaultsJson.read(Json.parseObject(HttpIo.readBody(exchange)), faults.baseline()));
            case "PATCH" -> faults.set(FaultsJson.read(Json.parseObject(HttpIo.readBody(exchange)), faults.current()));
            case "DELETE" -> faults.set(faults.baseline());
            default -> throw ApiException.methodNotAllowed();
        }
        HttpIo.sendJson(exchange, 200, FaultsJson.write(faults.current()));
    }

    private static void requireGet(String method) {
        if (!"GET".equals(method)) {
            throw ApiException.methodNotAllowed();
        }
    }
}
