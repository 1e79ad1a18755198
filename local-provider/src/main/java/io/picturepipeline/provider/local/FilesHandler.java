package io.picturepipeline.provider.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code GET /files/{id}/{index}.png|svg}: renders the output of a succeeded prediction on request. */
final class FilesHandler extends SafeHandler {

    private static final Pattern FILE = Pattern.compile("/files/([^/]+)/(\\d{1,2})\\.(png|svg)");

    private final PredictionStore store;
    private final FaultInjector faults;
    private final Hanger hanger;
    private final Counters counters;
    private final InstantSource clock;

    FilesHandler(PredictionStore store, FaultInjector faults, Hanger hanger, Counters counters, InstantSource clock) {
        this.store = store;
        this.faults = faults;
        this.hanger = hanger;
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    void serve(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            throw ApiException.methodNotAllowed();
        }
        Matcher matcher = FILE.matcher(exchange.getRequestURI().getPath());
        if (!matcher.matches()) {
            throw ApiException.notFound();
        }
        Prediction prediction = store.find(matcher.group(1)).orElseThrow(ApiException::notFound);
        int index = Integer.parseInt(matcher.group(2));
        ImageSpec image = prediction.image;
        Instant now = clock.instant();
        boolean exists = prediction.statusAt(now) == Status.SUCCEEDED
                && !prediction.dataRemovedAt(now)
                && index < image.numOutputs()
                && matcher.group(3).equals(image.extension());
        if (!exists) {
            throw ApiException.notFound();
        }
        Faults current = faults.current();
        if (faults.shouldHang()) {
            hanger.hold(exchange);
            return;
        }
        counters.fileDownloads.increment();
        byte[] content = image.svg() ? SvgRenderer.render(image, index) : PngRenderer.render(image, index);
        BodyWriter.send(exchange, image.contentType(), content, current);
    }
}
