package io.picturepipeline.ingest.batch;

import io.picturepipeline.ingest.persistence.InsertedOnce;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A batch as it was accepted: whose, how many items, when. Written once, through {@link BatchRepository} only. */
@Entity
@Table(name = "batch")
class Batch extends InsertedOnce {

    @Column(nullable = false, updatable = false)
    private String owner;

    @Column(nullable = false, updatable = false)
    private int size;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Batch() {}

    Batch(UUID id, String owner, int size, Instant createdAt) {
        super(id);
        this.owner = owner;
        this.size = size;
        this.createdAt = createdAt;
    }
}
