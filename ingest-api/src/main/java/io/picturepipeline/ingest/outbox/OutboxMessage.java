package io.picturepipeline.ingest.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * One event waiting for one topic. Written in the transaction that decides the event; deleted once the broker has
 * acknowledged it. {@code created_at} is the database's clock, so every instance ages rows the same way.
 */
@Entity
@Table(name = "outbox")
class OutboxMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "generation_id", nullable = false, updatable = false)
    private UUID generationId;

    @Column(nullable = false, updatable = false)
    private String topic;

    @Column(name = "event_type", nullable = false, updatable = false)
    private String eventType;

    @Column(nullable = false, updatable = false)
    private byte[] payload;

    @Column(nullable = false)
    private int attempts;

    protected OutboxMessage() {}

    OutboxMessage(UUID generationId, String topic, String eventType, byte[] payload) {
        this.generationId = generationId;
        this.topic = topic;
        this.eventType = eventType;
        this.payload = payload;
    }

    Long id() {
        return id;
    }
}
