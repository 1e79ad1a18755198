package io.picturepipeline.ingest.generation;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the next page starts: the (created_at, id) of the last item of the previous one. Opaque to clients:
 * base64url of {@code <epoch microseconds>:<uuid>}.
 */
public record PageCursor(Instant createdAt, UUID id) {

    /**
     * The timestamps a cursor may carry: every generation was created in between, and PostgreSQL can compare with
     * them (its timestamps end in the year 294276; a long of microseconds reaches beyond).
     */
    static final Instant EARLIEST = Instant.EPOCH;

    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** A cursor this API hands out is about 60 characters long. */
    static final int MAX_LENGTH = 128;

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, or empty when the text is not one this API handed out. */
    public static Optional<PageCursor> decode(String text) {
        if (text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (colon < 1) {
                return Optional.empty();
            }
            long micros = Long.parseLong(plain.substring(0, colon));
            UUID id = UUID.fromString(plain.substring(colon + 1));
            Instant createdAt = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
            if (createdAt.isBefore(EARLIEST) || createdAt.isAfter(LATEST)) {
                return Optional.empty();
            }
            return Optional.of(new PageCursor(createdAt, id));
        } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
            return Optional.empty();
        }
    }
}
