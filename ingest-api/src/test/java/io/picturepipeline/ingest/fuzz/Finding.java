package io.picturepipeline.ingest.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** An answer that broke a rule: the request, the response, and which rules. */
record Finding(Exchange exchange, List<String> broken) {

    Attempt attempt() {
        return exchange.attempt();
    }

    int status() {
        return exchange.status();
    }

    boolean broke(String rule) {
        return broken.stream().anyMatch(text -> text.contains(rule));
    }

    @Override
    public String toString() {
        return attempt() + "\n    -> " + exchange.status() + " " + exchange.contentType() + " "
                + Clip.of(new String(exchange.body(), StandardCharsets.UTF_8), 300) + "\n    broke: " + broken;
    }
}
