package io.picturepipeline.retry;

/**
 * A failure that will happen again on every attempt. The generation fails for good: the shared failure policy
 * publishes {@code GenerationFailed} and puts the record on the dead-letter topic at once, marked terminal.
 */
public class NonRetryableException extends RuntimeException {

    public NonRetryableException(String message) {
        super(message);
    }

    public NonRetryableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The {@code errorClass} of the {@code GenerationFailed} the client sees; a subclass may name it better. */
    public String errorClass() {
        return getClass().getSimpleName();
    }
}
