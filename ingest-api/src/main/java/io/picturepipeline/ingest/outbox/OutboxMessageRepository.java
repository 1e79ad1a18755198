package io.picturepipeline.ingest.outbox;

import org.springframework.data.jpa.repository.JpaRepository;

interface OutboxMessageRepository extends JpaRepository<OutboxMessage, Long> {}
