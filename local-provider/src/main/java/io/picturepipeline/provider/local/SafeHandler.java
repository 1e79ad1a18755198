package io.picturepipeline.provider.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Base handler: turns {@link ApiException}s into JSON answers and unexpected failures into a 500. A subclass that
 * hands the exchange off (a hung request, a delayed answer) simply returns without answering.
 */
abstract class SafeHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(SafeHandler.class.getName());

    @Override
    public final void handle(HttpExchange exchange) {
        try {
            serve(exchange);
        } catch (ApiException e) {
            answer(exchange, e);
        } catch (IOException e) {
            LOG.log(Level.FINE, "I/O error while serving " + exchange.getRequestURI(), e);
            exchange.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Unexpected error while serving " + exchange.getRequestURI(), e);
            answer(exchange, ApiException.of(500, "Internal Server Error", String.valueOf(e.getMessage())));
        }
    }

    abstract void serve(HttpExchange exchange) throws IOException;

    private static void answer(HttpExchange exchange, ApiException error) {
        try {
            if (exchange.getResponseCode() == -1) {
                HttpIo.sendJson(exchange, error.status, error.body, error.headers);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "Could not send error answer", e);
        } finally {
            exchange.close();
        }
    }
}
