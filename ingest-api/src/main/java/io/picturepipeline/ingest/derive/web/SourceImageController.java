package io.picturepipeline.ingest.derive.web;

import io.picturepipeline.ingest.derive.SourceImageLinks;
import io.picturepipeline.ingest.refusal.NotFoundException;
import io.picturepipeline.ingest.web.PathParameters;
import io.picturepipeline.storage.ImageContent;
import io.picturepipeline.storage.ImageKey;
import io.picturepipeline.storage.ImageStorage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stored image for whoever holds a valid signed link ({@link SourceImageLinks}): how the provider fetches the
 * source of a variation or an upscale without the user's token. A wrong, expired or absent signature is a 404, as is
 * a missing image.
 */
@RestController
class SourceImageController {

    private final SourceImageLinks links;
    private final ImageStorage storage;

    SourceImageController(SourceImageLinks links, ImageStorage storage) {
        this.links = links;
        this.storage = storage;
    }

    @GetMapping(SourceImageLinks.PATH + "{id}/{index}")
    ResponseEntity<byte[]> sourceImage(
            @PathVariable String id,
            @PathVariable String index,
            @RequestParam(required = false) @Nullable Long expires,
            @RequestParam(required = false) @Nullable String signature)
            throws IOException {
        UUID generationId = PathParameters.generationId(id);
        int imageIndex = PathParameters.imageIndex(index);
        if (expires == null || signature == null || !links.valid(generationId, imageIndex, expires, signature)) {
            throw new NotFoundException("No such source image, or the link has expired.");
        }
        Optional<ImageContent> found = ImageKey.candidates(generationId, imageIndex).stream()
                .map(storage::open)
                .flatMap(Optional::stream)
                .findFirst();
        if (found.isEmpty()) {
            throw new NotFoundException("No such source image, or the link has expired.");
        }
        try (ImageContent content = found.get();
                InputStream stream = content.stream()) {
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(content.object().contentType()))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(stream.readAllBytes());
        }
    }
}
