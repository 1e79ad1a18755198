package io.picturepipeline.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PngHeaderTest {

    @Test
    void readsWidthAndHeightFromTheIhdrChunk() {
        assertThat(PngHeader.dimensions(TestImages.png(37, 21))).contains(new PngHeader.Dimensions(37, 21));
        assertThat(PngHeader.dimensions(TestImages.png(1024, 768))).contains(new PngHeader.Dimensions(1024, 768));
    }

    @Test
    void hasNoDimensionsForBytesThatAreNotAPng() {
        assertThat(PngHeader.dimensions(TestImages.jpeg(3, 3))).isEmpty();
        assertThat(PngHeader.dimensions(TestImages.svg())).isEmpty();
        assertThat(PngHeader.dimensions(new byte[0])).isEmpty();
    }

    @Test
    void hasNoDimensionsForATruncatedHeader() {
        byte[] png = TestImages.png(4, 4);

        // signature (8) + chunk length and type (8) + the 13 bytes of IHDR data
        assertThat(PngHeader.dimensions(Arrays.copyOf(png, 28))).isEmpty();
        assertThat(PngHeader.dimensions(Arrays.copyOf(png, 29))).isPresent();
    }

    @Test
    void hasNoDimensionsWhenTheFirstChunkIsNotIhdr() {
        byte[] png = TestImages.png(4, 4);
        png[12] = 'X';

        assertThat(PngHeader.dimensions(png)).isEmpty();
    }

    @Test
    void hasNoDimensionsForAZeroWidth() {
        byte[] png = TestImages.png(4, 4);
        Arrays.fill(png, 16, 20, (byte) 0);

        assertThat(PngHeader.dimensions(png)).isEmpty();
    }
}
