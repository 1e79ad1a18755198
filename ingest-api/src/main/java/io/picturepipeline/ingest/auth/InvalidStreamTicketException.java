package io.picturepipeline.ingest.auth;

import org.springframework.security.core.AuthenticationException;

/** The stream ticket is unknown, already used or expired. */
final class InvalidStreamTicketException extends AuthenticationException {

    InvalidStreamTicketException() {
        super("The stream ticket is unknown, already used or expired; ask for a new one.");
    }
}
