package io.picturepipeline.ingest.image;

import io.picturepipeline.ingest.generation.GenerationQueries;
import io.picturepipeline.ingest.web.NotFoundException;
import io.picturepipeline.ingest.web.PathParameters;
import io.picturepipeline.schemas.StoredImage;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The stored images of a generation, to its owner only. Stored files never change (a repeat overwrites the same
 * key with the same image), so clients may cache them for good.
 */
@RestController
class ImageController {

    static final String CACHE_FOREVER = "private, max-age=31536000, immutable";
    /** An SVG opened directly must not run scripts in the API's origin. */
    static final String SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    private final GenerationQueries queries;
    private final ImageStore store;

    ImageController(GenerationQueries queries, ImageStore store) {
        this.queries = queries;
        this.store = store;
    }

    @GetMapping("/api/v1/generations/{id}/images/{index}")
    ResponseEntity<Resource> image(
            @AuthenticationPrincipal Jwt caller, @PathVariable String id, @PathVariable String index) {
        UUID generationId = PathParameters.generationId(id);
        int imageIndex = PathParameters.imageIndex(index);
        Optional<StoredImage> listed =
                queries.find(generationId, caller.getSubject()).orElseThrow(() -> noGeneration(id)).images().stream()
                        .filter(candidate -> candidate.index() == imageIndex)
                        .findFirst();
        // an event stream's "completed" may arrive before the read model lists the images: the store has them
        Path file = listed.map(image -> store.find(image.key()))
                .orElseGet(() -> store.findOutput(generationId, imageIndex))
                .orElseThrow(() -> noImage(id, index));
        MediaType type = listed.map(image -> mediaType(image, file)).orElseGet(() -> mediaType(file));
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "inline; filename=\"" + generationId + "-" + file.getFileName() + "\"");
        if (type.isCompatibleWith(MediaType.valueOf("image/svg+xml"))) {
            response.header("Content-Security-Policy", SVG_POLICY);
        }
        return response.body(new FileSystemResource(file));
    }

    private static MediaType mediaType(StoredImage image, Path file) {
        try {
            MediaType declared = MediaType.parseMediaType(image.contentType());
            if ("image".equals(declared.getType()) && !declared.isWildcardSubtype()) {
                return declared;
            }
        } catch (InvalidMediaTypeException e) {
            // fall back to the file name
        }
        return mediaType(file);
    }

    private static MediaType mediaType(Path file) {
        return MediaTypeFactory.getMediaType(file.getFileName().toString())
                .filter(type -> "image".equals(type.getType()))
                .orElse(MediaType.APPLICATION_OCTET_STREAM);
    }

    private static NotFoundException noGeneration(String id) {
        return new NotFoundException("No generation " + id + ".");
    }

    private static NotFoundException noImage(String id, String index) {
        return new NotFoundException("Generation " + id + " has no stored image " + index + ".");
    }
}
