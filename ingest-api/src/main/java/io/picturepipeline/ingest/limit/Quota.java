package io.picturepipeline.ingest.limit;

/** How many submissions a user may make per sliding hour and per sliding day. */
record Quota(int hourly, int daily) {}
