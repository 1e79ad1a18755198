package io.picturepipeline.provider.local;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.imageio.ImageIO;

/**
 * Fetches a prediction's input image from its URL when the prediction is created, as Replicate does with a URL
 * input: a plain GET without the caller's credentials, no redirects followed, bounded in time and size. An image that
 * cannot be fetched or read refuses the create with 422.
 */
final class SourceImages {

    static final long MAX_BYTES = 32L * 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    SourceImage fetch(String field, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("input." + field + " is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw ApiException.invalid("input." + field + " must be an http or https URL");
        }
        byte[] bytes = download(field, uri);
        BufferedImage image = decode(bytes);
        if (image == null) {
            throw ApiException.invalid("input." + field + " is not an image this provider reads");
        }
        return new SourceImage(image.getWidth(), image.getHeight(), bytes);
    }

    private byte[] download(String field, URI uri) {
        try {
            HttpResponse<InputStream> response = client.send(
                    HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw ApiException.invalid(
                            "input." + field + " could not be fetched: HTTP " + response.statusCode());
                }
                byte[] bytes = body.readNBytes((int) MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw ApiException.invalid("input." + field + " is larger than " + MAX_BYTES + " bytes");
                }
                return bytes;
            }
        } catch (IOException e) {
            throw ApiException.invalid("input." + field + " could not be fetched: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.invalid("input." + field + " could not be fetched: interrupted");
        }
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            return null;
        }
    }
}
