package io.picturepipeline.storage;

import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Images as objects of one bucket of an S3-compatible server (AWS S3, S3Proxy, MinIO). PutObject replaces a key
 * atomically, so a repeated download overwrites with the same bytes; readers see the old or the new object. Failures
 * of the server are thrown as they come: the download stage retries them as transient.
 */
final class S3ImageStorage implements ImageStorage {

    private static final int NOT_FOUND = 404;

    private final S3Client client;
    private final String bucket;

    S3ImageStorage(S3Client client, String bucket) {
        this.client = client;
        this.bucket = bucket;
    }

    static S3ImageStorage create(StorageSettings.S3 settings) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
                // the SDK's default CRC checksums (2.30+) are not understood by every S3-compatible server;
                // the MD5/SigV4 payload signing of a plain PutObject is what they all check
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return new S3ImageStorage(builder.build(), settings.bucket());
    }

    @Override
    public StoredObject put(ImageKey key, byte[] bytes) {
        client.putObject(
                request -> request.bucket(bucket)
                        .key(key.value())
                        .contentType(key.format().contentType())
                        .contentLength((long) bytes.length),
                RequestBody.fromBytes(bytes));
        return new StoredObject(key, bytes.length);
    }

    @Override
    public Optional<StoredObject> get(ImageKey key) {
        try {
            HeadObjectResponse head =
                    client.headObject(request -> request.bucket(bucket).key(key.value()));
            return Optional.of(new StoredObject(key, head.contentLength()));
        } catch (NoSuchKeyException missing) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return Optional.empty(); // a HEAD's 404 has no body, so no NoSuchKey code either
            }
            throw e;
        }
    }

    @Override
    public Optional<byte[]> read(ImageKey key) {
        try {
            return Optional.of(client.getObjectAsBytes(request(key)).asByteArray());
        } catch (NoSuchKeyException missing) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<ImageContent> open(ImageKey key) {
        try {
            ResponseInputStream<GetObjectResponse> in = client.getObject(request(key));
            return Optional.of(
                    new ImageContent(new StoredObject(key, in.response().contentLength()), in));
        } catch (NoSuchKeyException missing) {
            return Optional.empty();
        }
    }

    private GetObjectRequest request(ImageKey key) {
        return GetObjectRequest.builder().bucket(bucket).key(key.value()).build();
    }

    @Override
    public void close() {
        client.close();
    }
}
