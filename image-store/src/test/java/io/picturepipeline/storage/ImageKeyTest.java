package io.picturepipeline.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ImageKeyTest {

    private static final UUID GENERATION = UUID.fromString("0b6f5ad6-1df6-4b4b-9a8c-35d6b3f2a1c4");

    @Test
    void spellsKeysAsGenerationIdIndexAndExtension() {
        assertThat(new ImageKey(GENERATION, 2, ImageFormat.WEBP).value())
                .isEqualTo("0b6f5ad6-1df6-4b4b-9a8c-35d6b3f2a1c4/2.webp");
        assertThat(new ImageKey(GENERATION, 0, ImageFormat.JPEG).value())
                .isEqualTo("0b6f5ad6-1df6-4b4b-9a8c-35d6b3f2a1c4/0.jpg");
    }

    @Test
    void candidatesAreTheKeysOfOneOutputInEveryFormatOfThatGenerationOnly() {
        assertThat(ImageKey.candidates(GENERATION, 1))
                .extracting(ImageKey::value)
                .containsExactly(
                        GENERATION + "/1.png", GENERATION + "/1.jpg", GENERATION + "/1.webp", GENERATION + "/1.svg");
    }

    @Test
    void refusesANegativeIndex() {
        assertThatThrownBy(() -> new ImageKey(GENERATION, -1, ImageFormat.PNG))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void knowsTheFormatOfAContentTypeWithParametersAndCaseIgnored() {
        assertThat(ImageFormat.ofContentType("image/png")).contains(ImageFormat.PNG);
        assertThat(ImageFormat.ofContentType(" IMAGE/JPEG ; q=1")).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.ofContentType("image/svg+xml; charset=utf-8")).contains(ImageFormat.SVG);
        assertThat(ImageFormat.ofContentType("image/webp")).contains(ImageFormat.WEBP);
        assertThat(ImageFormat.ofContentType("text/html")).isEmpty();
        assertThat(ImageFormat.ofContentType("image/gif")).isEmpty();
        assertThat(ImageFormat.ofContentType("image/png-but-not")).isEmpty();
        assertThat(ImageFormat.ofContentType(null)).isEmpty();
    }
}
