package io.picturepipeline.retry.web;

import java.io.IOException;

/** A request body went past the service's cap while it was read; the request is answered with 413. */
public final class RequestBodyTooLargeException extends IOException {

    RequestBodyTooLargeException(long maxBytes) {
        super("the request body is larger than " + maxBytes + " bytes");
    }
}
