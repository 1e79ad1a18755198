package io.picturepipeline.faults.invariants;

import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The object store of the secure stack, listed through the S3 API. S3Proxy's filesystem backend also lists each
 * generation's folder as a key ending in {@code /}; that is no object the pipeline wrote, so it is left out
 * (before, each counted as a stray file: 600 of them for 600 images on 2026-12-03).
 */
final class BucketImages implements ImageStore {

    private final S3Client client;
    private final String bucket;

    BucketImages(S3Client client, String bucket) {
        this.client = client;
        this.bucket = bucket;
    }

    @Override
    public List<StoredObject> list() {
        return client.listObjectsV2Paginator(list -> list.bucket(bucket)).contents().stream()
                .filter(object -> !object.key().endsWith("/"))
                .map(object -> new StoredObject(object.key(), object.size()))
                .toList();
    }
}
