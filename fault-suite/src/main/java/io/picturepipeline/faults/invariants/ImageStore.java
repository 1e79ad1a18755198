package io.picturepipeline.faults.invariants;

import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/** Where the pipeline's images are, read as a client of the store: a folder (plain stack) or a bucket (secure). */
public interface ImageStore {

    /** One stored image or stray file: its key under the store ({@code <generation id>/<index>.<ext>}) and size. */
    record StoredObject(String key, long bytes) {
        @Override
        public String toString() {
            return key;
        }
    }

    /** Everything stored now. */
    List<StoredObject> list();

    static ImageStore folder(Path root) {
        return new FolderImages(root);
    }

    /** {@code client} logs in with a key that may list {@code bucket}. */
    static ImageStore bucket(S3Client client, String bucket) {
        return new BucketImages(client, bucket);
    }
}
