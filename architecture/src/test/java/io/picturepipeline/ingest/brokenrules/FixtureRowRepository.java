package io.picturepipeline.ingest.brokenrules;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface FixtureRowRepository extends JpaRepository<FixtureRow, UUID> {}
