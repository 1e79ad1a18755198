package io.picturepipeline.retry;

/** A failure that will happen again on every attempt: the record goes to the dead-letter topic at once. */
public class NonRetryableException extends RuntimeException {

    public NonRetryableException(String message) {
        super(message);
    }

    public NonRetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
