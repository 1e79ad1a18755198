package io.picturepipeline.storage;

/** One object in the image store. */
public record StoredObject(ImageKey key, long size) {

    public String contentType() {
        return key.format().contentType();
    }
}
