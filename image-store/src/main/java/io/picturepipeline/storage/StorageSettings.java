package io.picturepipeline.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where images are stored ({@code pipeline.storage.*}), read alike by the download-consumer (writer) and the
 * ingest-api (reader).
 *
 * @param type {@code filesystem} (files under {@code root}) or {@code s3} (a bucket of an S3-compatible server)
 * @param root the directory of the filesystem store
 * @param s3 the bucket of the S3 store; its credentials have no default anywhere
 */
@Validated
@ConfigurationProperties("pipeline.storage")
public record StorageSettings(
        @DefaultValue("filesystem") Type type,
        @DefaultValue(".local/data/images") Path root,
        @DefaultValue S3 s3) {

    public enum Type {
        FILESYSTEM,
        S3
    }

    public StorageSettings {
        Objects.requireNonNull(type, "pipeline.storage.type is required (filesystem or s3)");
        Objects.requireNonNull(root, "pipeline.storage.root is required");
        s3 = s3 != null ? s3 : new S3(null, "us-east-1", null, false, null, null);
        if (type == Type.S3) {
            s3.requireComplete();
        }
    }

    public static StorageSettings fileSystem(Path root) {
        return new StorageSettings(Type.FILESYSTEM, root, null);
    }

    public static StorageSettings s3(S3 s3) {
        return new StorageSettings(Type.S3, Path.of(".local/data/images"), s3);
    }

    /**
     * @param endpoint the server's URL ({@code http://s3proxy:8080}); none means AWS S3 of {@code region}
     * @param region the region requests are signed for
     * @param bucket the bucket, which must exist
     * @param pathStyle {@code http://host/bucket/key} instead of {@code http://bucket.host/key}; S3Proxy and MinIO
     *     need it
     * @param accessKey the access key id ({@code PIPELINE_STORAGE_S3_ACCESS_KEY})
     * @param secretKey the secret access key ({@code PIPELINE_STORAGE_S3_SECRET_KEY})
     */
    public record S3(
            URI endpoint,
            @DefaultValue("us-east-1") String region,
            String bucket,
            @DefaultValue("false") boolean pathStyle,
            String accessKey,
            String secretKey) {

        /** Shorter secrets are placeholders, not keys (MinIO refuses them too). */
        static final int MIN_SECRET_LENGTH = 8;

        void requireComplete() {
            required(region, "region");
            required(bucket, "bucket");
            required(accessKey, "access-key");
            required(secretKey, "secret-key");
            if (secretKey.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException("pipeline.storage.s3.secret-key is shorter than "
                        + MIN_SECRET_LENGTH + " characters: set the S3 server's secret access key in "
                        + "PIPELINE_STORAGE_S3_SECRET_KEY");
            }
        }

        private static void required(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("pipeline.storage.s3." + name
                        + " is required when pipeline.storage.type=s3: set PIPELINE_STORAGE_S3_"
                        + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            }
        }

        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", pathStyle="
                    + pathStyle + ", accessKey=" + accessKey + ", secretKey=" + (secretKey == null ? null : "****")
                    + "]";
        }
    }
}
