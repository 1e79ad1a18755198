package io.picturepipeline.ingest.generation;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface GenerationRequestRepository extends JpaRepository<GenerationRequest, UUID> {}
