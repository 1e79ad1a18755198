package io.picturepipeline.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class StorageSettingsTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ImageStoreAutoConfiguration.class));

    @Test
    void theFilesystemStoreIsTheDefault() {
        context.run(started -> {
            assertThat(started).hasSingleBean(ImageStorage.class);
            assertThat(started.getBean(ImageStorage.class)).isInstanceOf(FileSystemImageStorage.class);
        });
    }

    @Test
    void anS3StoreWithoutCredentialsDoesNotStartAndSaysWhichSettingIsMissing() {
        context.withPropertyValues(
                        "pipeline.storage.type=s3",
                        "pipeline.storage.s3.endpoint=http://127.0.0.1:9",
                        "pipeline.storage.s3.bucket=images")
                .run(started -> assertThat(started)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("pipeline.storage.s3.access-key is required")
                        .hasMessageContaining("PIPELINE_STORAGE_S3_ACCESS_KEY"));
    }

    @Test
    void anS3StoreIsMadeFromCompleteSettings() {
        context.withPropertyValues(
                        "pipeline.storage.type=s3",
                        "pipeline.storage.s3.endpoint=http://127.0.0.1:9",
                        "pipeline.storage.s3.bucket=images",
                        "pipeline.storage.s3.path-style=true",
                        "pipeline.storage.s3.access-key=AKIDEXAMPLE",
                        "pipeline.storage.s3.secret-key=a-long-enough-secret")
                .run(started -> assertThat(started.getBean(ImageStorage.class)).isInstanceOf(S3ImageStorage.class));
    }

    @Test
    void aPlaceholderSecretKeyIsRefused() {
        assertThatThrownBy(() -> StorageSettings.s3(new StorageSettings.S3(
                        URI.create("http://127.0.0.1:9"), "us-east-1", "images", true, "AKIDEXAMPLE", "secret")))
                .hasMessageContaining("pipeline.storage.s3.secret-key is shorter than 8 characters");
    }

    @Test
    void theSecretKeyIsNeverPrinted() {
        StorageSettings.S3 s3 = new StorageSettings.S3(
                URI.create("http://127.0.0.1:9"), "us-east-1", "images", true, "AKIDEXAMPLE", "a-long-enough-secret");

        assertThat(s3.toString()).doesNotContain("a-long-enough-secret");
    }
}
