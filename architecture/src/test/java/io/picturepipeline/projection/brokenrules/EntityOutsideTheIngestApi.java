package io.picturepipeline.projection.brokenrules;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

@Entity
public class EntityOutsideTheIngestApi {

    @Id
    long id;
}
