package io.picturepipeline.ingest.generation.web;

import io.picturepipeline.ingest.generation.IdempotencyKey;
import io.picturepipeline.ingest.refusal.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The {@code Idempotency-Key} header of a submission (a generation's or a batch's), read with its body's hash. */
public final class IdempotencyKeyHeader {

    public static final String NAME = "Idempotency-Key";

    private IdempotencyKeyHeader() {}

    /**
     * The client's key with the SHA-256 of {@code canonicalBody} (the body parsed and written back in one fixed
     * order); null without the header, a 400 naming it when it is not 1 to {@code maxLength} printable ASCII
     * characters.
     */
    public static @Nullable IdempotencyKey read(
            @Nullable String header, int maxLength, Supplier<String> canonicalBody) {
        if (header == null) {
            return null;
        }
        boolean printable = header.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        if (header.isBlank() || header.length() > maxLength || !printable) {
            throw new InvalidRequestException(NAME, "must be 1 to " + maxLength + " printable ASCII characters");
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalBody.get().getBytes(StandardCharsets.UTF_8));
            return new IdempotencyKey(header, hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
