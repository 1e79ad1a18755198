package io.picturepipeline.generation.provider;

import io.picturepipeline.retry.NonRetryableException;

/**
 * The provider refused the call and will refuse it again (400, 401, 403, 404, 422, unsupported input): never
 * retried. The shared failure policy fails the generation ({@code GenerationFailed}, error class
 * {@value #ERROR_CLASS}) and dead-letters the record, marked terminal.
 */
public class ProviderRejectedException extends NonRetryableException {

    public static final String ERROR_CLASS = "ProviderRejected";

    private final int status;

    public ProviderRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status, 0 when the request was refused before it was sent (e.g. an unsupported model). */
    public int status() {
        return status;
    }

    @Override
    public String errorClass() {
        return ERROR_CLASS;
    }

    /** The {@code kind} tag of {@code pipeline.provider.errors}. */
    public String kind() {
        return switch (status) {
            case 0 -> "invalid_request";
            case 401, 403 -> "unauthorized";
            case 404 -> "not_found";
            default -> "rejected";
        };
    }
}
