package io.picturepipeline.faults;

import io.picturepipeline.faults.invariants.ImageStore;
import io.picturepipeline.infra.KafkaAccess;
import io.picturepipeline.infra.KafkaSecurity;
import io.picturepipeline.infra.LocalS3;
import io.picturepipeline.infra.RequiredPasswords;
import io.picturepipeline.launcher.LocalStack;
import io.picturepipeline.schemas.Access;
import java.net.URI;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * How the suite's own clients log in to a stack. On the plain stack as anyone may. On the secure stack: Kafka as the
 * fault suite's principal ({@link Access#faultSuiteGrants()}, made here by the super user as the launcher makes the
 * services'), the image store with ops' read-only key pair, tokens signed with the stack's JWT secret. PostgreSQL is
 * read as its superuser in both: the checker reads all four services' schemas, which no declared role may.
 */
final class SuiteAccess implements AutoCloseable {

    private final Map<String, String> kafka;
    private final String jwtSecret;
    private final ImageStore images;
    private final @Nullable S3Client s3;

    private SuiteAccess(Map<String, String> kafka, String jwtSecret, ImageStore images, @Nullable S3Client s3) {
        this.kafka = Map.copyOf(kafka);
        this.jwtSecret = jwtSecret;
        this.images = images;
        this.s3 = s3;
    }

    static SuiteAccess to(LocalStack stack) {
        if (stack.secure() == null) {
            return new SuiteAccess(
                    Map.of(),
                    stack.settings().jwtSecret(),
                    ImageStore.folder(stack.settings().imageStore()),
                    null);
        }
        String password = RequiredPasswords.random();
        try (Admin admin = stack.kafkaCluster().admin()) {
            KafkaAccess.applyFaultSuite(admin, password);
        }
        S3Client s3 = opsImageStoreClient(stack);
        return new SuiteAccess(
                KafkaSecurity.clientProperties(Access.FAULT_SUITE, password),
                stack.secure().jwtSecret(),
                ImageStore.bucket(s3, LocalStack.IMAGE_BUCKET),
                s3);
    }

    private static S3Client opsImageStoreClient(LocalStack stack) {
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(stack.s3().endpoint()))
                .region(Region.of(LocalS3.REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        Access.OPS_CLI, stack.secure().storageSecretKey(Access.OPS_CLI))))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** What the suite's Kafka clients add to the bootstrap servers. */
    Map<String, String> kafka() {
        return kafka;
    }

    String jwtSecret() {
        return jwtSecret;
    }

    ImageStore images() {
        return images;
    }

    @Override
    public void close() {
        if (s3 != null) {
            s3.close();
        }
    }
}
