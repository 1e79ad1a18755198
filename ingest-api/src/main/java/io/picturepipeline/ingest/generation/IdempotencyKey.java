package io.picturepipeline.ingest.generation;

/** A client's {@code Idempotency-Key} and the SHA-256 of its canonical request body. */
public record IdempotencyKey(String value, byte[] requestHash) {}
