package io.picturepipeline.ingest.web;

import io.picturepipeline.ingest.refusal.FieldViolation;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.stereotype.Component;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactoryBuilder;

/**
 * What a JSON document the API reads may hold, sized to what it needs (a submission is a flat object of short
 * strings and small numbers, under the 64 KiB body cap) rather than Jackson's defaults, which allow megabyte strings
 * and numbers of a thousand digits. A document past a limit is refused while it is parsed, as a 400 naming it.
 */
@Component
class JsonLimits implements JsonFactoryBuilderCustomizer {

    static final int MAX_STRING_LENGTH = 16_384;
    static final int MAX_NESTING_DEPTH = 16;
    static final int MAX_NUMBER_LENGTH = 32;
    static final int MAX_NAME_LENGTH = 256;
    static final long MAX_DOCUMENT_LENGTH = 1024 * 1024;

    @Override
    public void customize(JsonFactoryBuilder factory) {
        factory.streamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                .build());
    }

    /** The violation for a document past one of the limits, in our words. */
    static FieldViolation violation(String field, String jacksonMessage) {
        if (jacksonMessage.contains("nesting depth")) {
            return new FieldViolation(field, "is nested more than " + MAX_NESTING_DEPTH + " levels deep");
        }
        if (jacksonMessage.contains("Number value length")) {
            return new FieldViolation(field, "is a number of more than " + MAX_NUMBER_LENGTH + " characters");
        }
        if (jacksonMessage.contains("String value length")) {
            return new FieldViolation(field, "is a string of more than " + MAX_STRING_LENGTH + " characters");
        }
        if (jacksonMessage.contains("Name length")) {
            return new FieldViolation(field, "has a property name of more than " + MAX_NAME_LENGTH + " characters");
        }
        return new FieldViolation(field, "is larger than this API reads");
    }
}
