package io.picturepipeline.ingest.refusal;

/**
 * Nothing the caller may see is there. Also the answer for other users' generations: the API never confirms that
 * an id exists for someone else (404, never 403).
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
