package io.picturepipeline.ingest.derive;

/** An upscale of output {@code imageIndex} of a completed generation by {@code scale} (2 or 4), with Real-ESRGAN. */
public record Upscale(int imageIndex, int scale, boolean faceEnhance) {}
