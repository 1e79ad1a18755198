package io.picturepipeline.download;

import java.time.Duration;

/** The caps of one fetch: bytes, time to connect, time for the whole output (redirects included), redirects. */
record FetchLimits(long maxBytes, Duration connectTimeout, Duration downloadTimeout, int maxRedirects) {}
