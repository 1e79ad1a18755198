package io.picturepipeline.ingest.persistence;

import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/**
 * An entity whose id the ingest-api assigns and whose row is only ever inserted. Spring Data takes an entity with an
 * id for a stored one and merges it (a select first); this one says it is new until it has been persisted or loaded,
 * so {@code save} is one insert.
 */
@MappedSuperclass
public abstract class InsertedOnce implements Persistable<UUID> {

    @Id
    private UUID id;

    @Transient
    private boolean isNew = true;

    protected InsertedOnce() {}

    protected InsertedOnce(UUID id) {
        this.id = id;
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
