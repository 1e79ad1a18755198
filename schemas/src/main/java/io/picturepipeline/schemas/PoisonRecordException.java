package io.picturepipeline.schemas;

/** A record that can never be processed as it is: unparseable, schema-invalid or oversized. Never retried. */
public final class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }

    public PoisonRecordException(String message) {
        super(message);
    }
}
