package io.picturepipeline.ingest.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PageCursorTest {

    @Test
    void aCursorSurvivesTheRoundTripToMicrosecondPrecision() {
        PageCursor cursor = new PageCursor(Instant.parse("2025-10-09T12:34:56.123456Z"), UUID.randomUUID());

        assertThat(PageCursor.decode(cursor.encode())).contains(cursor);
        assertThat(cursor.encode()).doesNotContain(cursor.id().toString());
    }

    @Test
    void textThatIsNoCursorIsRefused() {
        assertThat(PageCursor.decode("")).isEmpty();
        assertThat(PageCursor.decode("!!!")).isEmpty();
        assertThat(PageCursor.decode("bm9wZQ")).isEmpty();
        assertThat(PageCursor.decode("MTIzOm5vdC1hLXV1aWQ")).isEmpty();
    }

    @Test
    void aCursorWithATimestampPostgresqlCannotHoldIsRefused() {
        UUID id = UUID.randomUUID();

        assertThat(PageCursor.decode(encode(Long.MAX_VALUE + ":" + id))).isEmpty();
        assertThat(PageCursor.decode(encode((Long.MIN_VALUE + 1) + ":" + id))).isEmpty();
        assertThat(PageCursor.decode(encode("-1:" + id))).isEmpty();
        assertThat(PageCursor.decode("A".repeat(200))).isEmpty();
    }

    private static String encode(String plain) {
        return java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(plain.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
