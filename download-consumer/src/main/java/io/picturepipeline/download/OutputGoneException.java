package io.picturepipeline.download;

import io.picturepipeline.retry.NonRetryableException;

/** The file host answered 404 or 410 for an output: the URL is gone, perhaps because the output expired. */
final class OutputGoneException extends NonRetryableException {

    private static final long serialVersionUID = 1L;

    OutputGoneException(String message) {
        super(message);
    }
}
