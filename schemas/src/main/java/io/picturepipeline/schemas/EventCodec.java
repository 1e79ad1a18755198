package io.picturepipeline.schemas;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** JSON on the wire. Readers ignore unknown properties, so adding an optional field never breaks a consumer. */
public final class EventCodec {

    /** Larger records are poison: no event of ours comes near this. */
    public static final int MAX_RECORD_BYTES = 1024 * 1024;

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // a missing field reads as null, so an optional field added later (GenerationRequested's admission,
            // batchId, parentId) never makes an older event poison; a required one is refused by its record's
            // constructor (Require), which the decode turns into a PoisonRecordException naming it
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();

    public byte[] encode(PipelineEvent event) {
        return mapper.writeValueAsBytes(event);
    }

    public PipelineEvent decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new PoisonRecordException("empty record");
        }
        if (bytes.length > MAX_RECORD_BYTES) {
            throw new PoisonRecordException(
                    "record of " + bytes.length + " bytes exceeds the limit of " + MAX_RECORD_BYTES + " bytes");
        }
        try {
            return mapper.readValue(bytes, PipelineEvent.class);
        } catch (JacksonException e) {
            throw new PoisonRecordException("not a valid pipeline event: " + rootMessage(e), e);
        }
    }

    public <T extends PipelineEvent> T decode(byte[] bytes, Class<T> expected) {
        PipelineEvent event = decode(bytes);
        if (!expected.isInstance(event)) {
            throw new PoisonRecordException(
                    "expected " + expected.getSimpleName() + " but the record holds " + event.type());
        }
        return expected.cast(event);
    }

    private static String rootMessage(JacksonException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root == e ? e.getOriginalMessage() : root.getMessage();
        return Text.truncate(String.valueOf(message), 300);
    }
}
