package io.picturepipeline.projection.lifecycle;

import io.picturepipeline.schemas.GenerationParameters;
import io.picturepipeline.schemas.GenerationStatus;
import io.picturepipeline.schemas.Stage;
import io.picturepipeline.schemas.StoredImage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One row of {@code generation}, as the rules see it. {@code attempts} is the value last written: the
 * store counts it from the processed-events log on every write, the rules never touch it.
 */
record GenerationRow(
        UUID id,
        @Nullable String owner,
        @Nullable String model,
        @Nullable String prompt,
        @Nullable GenerationParameters parameters,
        GenerationStatus status,
        int progress,
        @Nullable String predictionId,
        int attempts,
        @Nullable Stage errorStage,
        @Nullable String errorClass,
        @Nullable String errorMessage,
        @Nullable String cancelReason,
        List<StoredImage> images,
        @Nullable Instant requestedAt,
        @Nullable Instant startedAt,
        @Nullable Instant attemptStartedAt,
        @Nullable Instant generatedAt,
        @Nullable Instant completedAt,
        @Nullable Instant failedAt,
        @Nullable Instant cancelledAt,
        @Nullable Instant retryDueAt,
        @Nullable Instant lastEventAt,
        @Nullable Instant updatedAt,
        @Nullable UUID batchId,
        @Nullable UUID parentId) {

    GenerationRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        images = List.copyOf(images);
    }

    /** A generation known only by its id: any event implies it was requested, so it starts queued. */
    static GenerationRow unknown(UUID id) {
        return new GenerationRow(
                id,
                null,
                null,
                null,
                null,
                GenerationStatus.QUEUED,
                0,
                null,
                0,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    Builder edit() {
        return new Builder(this);
    }

    /** A mutable copy for the rules to change field by field. */
    static final class Builder {
        private final UUID id;

        @Nullable
        String owner;

        @Nullable
        String model;

        @Nullable
        String prompt;

        @Nullable
        GenerationParameters parameters;

        GenerationStatus status;
        int progress;

        @Nullable
        String predictionId;

        int attempts;

        @Nullable
        Stage errorStage;

        @Nullable
        String errorClass;

        @Nullable
        String errorMessage;

        @Nullable
        String cancelReason;

        List<StoredImage> images;

        @Nullable
        Instant requestedAt;

        @Nullable
        Instant startedAt;

        @Nullable
        Instant attemptStartedAt;

        @Nullable
        Instant generatedAt;

        @Nullable
        Instant completedAt;

        @Nullable
        Instant failedAt;

        @Nullable
        Instant cancelledAt;

        @Nullable
        Instant retryDueAt;

        @Nullable
        Instant lastEventAt;

        @Nullable
        Instant updatedAt;

        @Nullable
        UUID batchId;

        @Nullable
        UUID parentId;

        private Builder(GenerationRow row) {
            id = row.id;
            owner = row.owner;
            model = row.model;
            prompt = row.prompt;
            parameters = row.parameters;
            status = row.status;
            progress = row.progress;
            predictionId = row.predictionId;
            attempts = row.attempts;
            errorStage = row.errorStage;
            errorClass = row.errorClass;
            errorMessage = row.errorMessage;
            cancelReason = row.cancelReason;
            images = row.images;
            requestedAt = row.requestedAt;
            startedAt = row.startedAt;
            attemptStartedAt = row.attemptStartedAt;
            generatedAt = row.generatedAt;
            completedAt = row.completedAt;
            failedAt = row.failedAt;
            cancelledAt = row.cancelledAt;
            retryDueAt = row.retryDueAt;
            lastEventAt = row.lastEventAt;
            updatedAt = row.updatedAt;
            batchId = row.batchId;
            parentId = row.parentId;
        }

        GenerationRow build() {
            return new GenerationRow(
                    id,
                    owner,
                    model,
                    prompt,
                    parameters,
                    status,
                    progress,
                    predictionId,
                    attempts,
                    errorStage,
                    errorClass,
                    errorMessage,
                    cancelReason,
                    images,
                    requestedAt,
                    startedAt,
                    attemptStartedAt,
                    generatedAt,
                    completedAt,
                    failedAt,
                    cancelledAt,
                    retryDueAt,
                    lastEventAt,
                    updatedAt,
                    batchId,
                    parentId);
        }
    }
}
