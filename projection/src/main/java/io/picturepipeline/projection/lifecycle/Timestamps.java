package io.picturepipeline.projection.lifecycle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/** timestamptz in and out: the driver speaks OffsetDateTime, the code Instant, both at microsecond precision. */
final class Timestamps {

    private Timestamps() {}

    static @Nullable OffsetDateTime of(@Nullable Instant instant) {
        return instant == null ? null : GenerationRules.micros(instant).atOffset(ZoneOffset.UTC);
    }

    static @Nullable Instant read(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
