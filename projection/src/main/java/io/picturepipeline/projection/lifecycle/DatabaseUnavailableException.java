package io.picturepipeline.projection.lifecycle;

/** The records could not be applied because the database is unavailable; they are retried until it is back. */
final class DatabaseUnavailableException extends RuntimeException {

    DatabaseUnavailableException(RuntimeException cause) {
        super("the database is unavailable: " + cause.getMessage(), cause);
    }
}
