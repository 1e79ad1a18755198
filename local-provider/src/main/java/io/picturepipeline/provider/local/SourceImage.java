package io.picturepipeline.provider.local;

/** An input image fetched for a prediction: its size and its bytes as served. */
record SourceImage(int width, int height, byte[] bytes) {}
