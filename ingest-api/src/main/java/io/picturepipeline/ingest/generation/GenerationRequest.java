package io.picturepipeline.ingest.generation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.springframework.data.domain.Persistable;

/** An accepted generation as the ingest-api recorded it: who asked, for what, when. Written once. */
@Entity
@Table(name = "generation_request")
class GenerationRequest implements Persistable<UUID> {

    @Id
    private UUID id;

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

    @Transient
    private boolean isNew = true;

    protected GenerationRequest() {}

    GenerationRequest(UUID id, String owner, String parameters, Instant createdAt, UUID parentId) {
        this.id = id;
        this.owner = owner;
        this.parameters = parameters;
        this.createdAt = createdAt;
        this.parentId = parentId;
    }

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostPersist
    @PostLoad
    void stored() {
        isNew = false;
    }
}
