package io.picturepipeline.faults.invariants;

import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/** The object store of the secure stack, listed through the S3 API. */
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
                .map(object -> new StoredObject(object.key(), object.size()))
                .toList();
    }
}
