package io.picturepipeline.ingest.image.web;

import io.picturepipeline.ingest.generation.GenerationQueries;
import io.picturepipeline.ingest.refusal.FieldViolation;
import io.picturepipeline.ingest.refusal.NotFoundException;
import io.picturepipeline.ingest.web.PathParameters;
import io.picturepipeline.ingest.web.ProblemException;
import io.picturepipeline.storage.ImageContent;
import io.picturepipeline.storage.ImageFormat;
import io.picturepipeline.storage.ImageKey;
import io.picturepipeline.storage.ImageStorage;
import io.picturepipeline.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The stored images of a generation, to its owner only, streamed from the image store (files or an S3 bucket).
 * The object is found by the key derived from the generation id and index in the URL ({@link ImageKey}); nothing
 * the read model says about an image (its key, its content type) chooses which object is served, because the read
 * model is built from events, and an event can be forged. Stored objects never change (a repeat overwrites the same
 * key with the same image), so clients may cache them for good.
 */
@RestController
class ImageController {

    static final String CACHE_FOREVER = "private, max-age=31536000, immutable";
    /** An SVG opened directly must not run scripts in the API's origin. */
    static final String SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    private final GenerationQueries queries;
    private final ImageStorage storage;

    ImageController(GenerationQueries queries, ImageStorage storage) {
        this.queries = queries;
        this.storage = storage;
    }

    @GetMapping("/api/v1/generations/{id}/images/{index}")
    ResponseEntity<Resource> image(
            @AuthenticationPrincipal Jwt caller,
            @PathVariable String id,
            @PathVariable String index,
            @RequestHeader(name = HttpHeaders.RANGE, required = false) @Nullable String range)
            throws IOException {
        UUID generationId = PathParameters.generationId(id);
        int imageIndex = PathParameters.imageIndex(index);
        Optional<ImageFormat> listedFormat =
                queries.find(generationId, caller.getSubject()).orElseThrow(() -> noGeneration(id)).images().stream()
                        .filter(candidate -> candidate.index() == imageIndex)
                        .findFirst()
                        .flatMap(image -> ImageFormat.ofContentType(image.contentType()));
        // the listed format only decides which of this output's keys is tried first; an event stream's
        // "completed" may arrive before the read model lists the image at all
        ImageContent content = Stream.concat(
                        listedFormat.stream().map(format -> new ImageKey(generationId, imageIndex, format)),
                        ImageKey.candidates(generationId, imageIndex).stream())
                .distinct()
                .map(storage::open)
                .flatMap(Optional::stream)
                .findFirst()
                .orElseThrow(() -> noImage(id, index));
        StoredObject object = content.object();
        MediaType type = MediaType.parseMediaType(object.contentType());
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "inline; filename=\"" + generationId + "-"
                                + object.key().fileName() + "\"");
        if (object.key().format() == ImageFormat.SVG) {
            response.header("Content-Security-Policy", SVG_POLICY);
        }
        if (range != null) {
            return response.body(satisfiable(range, content));
        }
        return response.contentLength(object.size()).body(new StoredImageResource(content));
    }

    /**
     * The whole image in memory (images are capped in size), checked against the Range before Spring cuts it:
     * Spring answers an unsatisfiable Range with a 416 that still carries the whole image, not a problem.
     */
    private static Resource satisfiable(String range, ImageContent content) throws IOException {
        byte[] bytes;
        try (InputStream stream = content.stream()) {
            bytes = stream.readAllBytes();
        }
        Resource whole = new ByteArrayResource(bytes);
        try {
            HttpRange.toResourceRegions(HttpRange.parseRanges(range), whole);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                    "The Range asked for lies outside the image, which has " + bytes.length + " bytes.",
                    List.of(new FieldViolation(HttpHeaders.RANGE, "must be a byte range within the image")),
                    Map.of(),
                    null);
        }
        return whole;
    }

    /** Streams the object once; its length is known, so nothing reads the stream to measure it. */
    private static final class StoredImageResource extends InputStreamResource {

        private final long length;

        StoredImageResource(ImageContent content) {
            super(content.stream(), content.object().key().value());
            this.length = content.object().size();
        }

        @Override
        public long contentLength() {
            return length;
        }
    }

    private static NotFoundException noGeneration(String id) {
        return new NotFoundException("No generation " + id + ".");
    }

    private static NotFoundException noImage(String id, String index) {
        return new NotFoundException("Generation " + id + " has no stored image " + index + ".");
    }
}
