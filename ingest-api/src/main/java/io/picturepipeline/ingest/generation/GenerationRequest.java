package io.picturepipeline.ingest.generation;

import io.picturepipeline.ingest.persistence.InsertedOnce;
import io.picturepipeline.schemas.GenerationRequested;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * An accepted generation as the ingest-api recorded it: who asked, for what, when, in which batch. Written once,
 * through {@link GenerationRequestRepository} only (the rule in docs/architecture.md).
 */
@Entity
@Table(name = "generation_request")
class GenerationRequest extends InsertedOnce {

    @Column(nullable = false, updatable = false)
    private String owner;

    /** {@code GenerationParameters} as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false)
    private String parameters;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    /** The generation whose image this one varies or upscales. */
    @Column(name = "parent_id", updatable = false)
    private UUID parentId;

    @Column(name = "batch_id", updatable = false)
    private UUID batchId;

    /** From 1, in the order of the batch's items. */
    @Column(name = "batch_position", updatable = false)
    private Integer batchPosition;

    protected GenerationRequest() {}

    /** The row of {@code requested}, with its parameters as JSON and its position in its batch if it has one. */
    GenerationRequest(GenerationRequested requested, String parameters, @Nullable Integer batchPosition) {
        super(requested.generationId());
        this.owner = requested.owner();
        this.parameters = parameters;
        this.createdAt = requested.occurredAt();
        this.parentId = requested.parentId();
        this.batchId = requested.batchId();
        this.batchPosition = batchPosition;
    }
}
