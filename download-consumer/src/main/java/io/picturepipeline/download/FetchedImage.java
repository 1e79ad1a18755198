package io.picturepipeline.download;

import io.picturepipeline.storage.ImageFormat;
import java.net.URI;

/** An output that passed every check: allowed source, size, an image content type and bytes matching it. */
record FetchedImage(URI source, ImageFormat format, byte[] bytes) {}
