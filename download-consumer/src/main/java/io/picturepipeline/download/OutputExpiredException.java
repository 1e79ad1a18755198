package io.picturepipeline.download;

import io.picturepipeline.retry.NonRetryableException;

/**
 * An output is gone and the prediction has no fresh URL for it: the provider deleted it (Replicate keeps a
 * prediction's outputs an hour after it ends). The generation fails for good, as {@code output_expired}.
 */
final class OutputExpiredException extends NonRetryableException {

    private static final long serialVersionUID = 1L;

    static final String ERROR_CLASS = "output_expired";

    OutputExpiredException(String message) {
        super(message);
    }

    @Override
    public String errorClass() {
        return ERROR_CLASS;
    }
}
