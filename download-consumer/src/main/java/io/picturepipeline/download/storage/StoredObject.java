package io.picturepipeline.download.storage;

/** One object in the image store. */
public record StoredObject(String key, String contentType, long size) {}
