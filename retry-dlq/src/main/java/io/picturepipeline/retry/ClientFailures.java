package io.picturepipeline.retry;

import io.picturepipeline.schemas.IllegalTransitionException;
import io.picturepipeline.schemas.PoisonRecordException;
import io.picturepipeline.schemas.Stage;

/**
 * What clients are told about a failure ({@code RetryScheduled.reason}, {@code GenerationFailed.message}, and from
 * them the API and the event streams): a stable code and a sentence written here, never an exception's text, which
 * can hold a provider's response body, a host name, a fetch origin or a stack of causes. Those stay in the logs, the
 * dead-letter headers ({@code pp-exception-message}) and the ops CLI.
 */
public final class ClientFailures {

    private ClientFailures() {}

    /**
     * {@code <code>: <sentence>} for a retry, the code being the {@code reason} tag of {@code pipeline.retries}
     * ({@code timeout}, {@code connection}, {@code rate_limited}, {@code server_error}, {@code other}).
     */
    static String retryReason(Stage stage, Throwable failure) {
        String code = RetryReason.of(failure);
        String party = party(stage);
        String sentence = switch (code) {
            case "timeout" -> capitalized(party) + " did not answer in time.";
            case "connection" -> capitalized(party) + " could not be reached.";
            case "rate_limited" -> capitalized(party) + " asked us to slow down.";
            case "server_error" -> capitalized(party) + " answered with a server error.";
            default -> "The " + stage.wireName() + " stage failed for a reason that may pass.";
        };
        return code + ": " + sentence;
    }

    /**
     * The message of a {@code GenerationFailed} for a permanent failure whose code is {@code errorClass} (the failure
     * policy's, and the generation stage's own for predictions that fail at the provider).
     */
    public static String failureMessage(Stage stage, String errorClass) {
        switch (errorClass) {
            case "ProviderRejected":
                return "The image provider refused this request.";
            case "ProviderFailed":
                return "The image provider could not generate this image.";
            case "ProviderTimeout":
                return "The image provider did not finish in time; the prediction was cancelled.";
            case "ProviderCanceled":
                return "The image provider cancelled the prediction: it ran past its deadline.";
            case "PredictionNotFound":
                return "The image provider no longer knows this prediction.";
            case "output_expired":
                return "The image expired at the provider before it was downloaded; submit it again.";
            default:
                break;
        }
        return switch (stage) {
            case GENERATE -> "The image provider could not carry out this request.";
            case DOWNLOAD -> "The generated image could not be fetched or stored safely.";
            case WEBHOOK -> "The webhook endpoint refused the delivery.";
        };
    }

    /** The message of a {@code DeadLettered}: what the failure that parked the record was, in the same words. */
    static String deadLetterMessage(Stage stage, Throwable failure) {
        if (failure instanceof NonRetryableException permanent) {
            return failureMessage(stage, permanent.errorClass());
        }
        if (failure instanceof PoisonRecordException || failure instanceof IllegalTransitionException) {
            return "poison: The record could not be read or applied.";
        }
        return retryReason(stage, failure);
    }

    private static String party(Stage stage) {
        return switch (stage) {
            case GENERATE -> "the image provider";
            case DOWNLOAD -> "the image host";
            case WEBHOOK -> "the webhook endpoint";
        };
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
