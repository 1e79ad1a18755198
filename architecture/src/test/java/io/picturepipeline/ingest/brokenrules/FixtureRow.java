package io.picturepipeline.ingest.brokenrules;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

@Entity
@Table(name = "fixture_row")
public class FixtureRow {

    @Id
    UUID id;
}
