package io.picturepipeline.ingest.refusal;

/** One thing wrong with a request, as the {@code errors} array of a 400 problem lists it. */
public record FieldViolation(String field, String message) {}
