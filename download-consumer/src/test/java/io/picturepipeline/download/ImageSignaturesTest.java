package io.picturepipeline.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.storage.ImageFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageSignaturesTest {

    private static final Map<ImageFormat, byte[]> SAMPLES = Map.of(
            ImageFormat.PNG, TestImages.png(3, 2),
            ImageFormat.JPEG, TestImages.jpeg(3, 2),
            ImageFormat.WEBP, TestImages.webp(),
            ImageFormat.SVG, TestImages.svg());

    static Stream<Arguments> everyFormatAgainstEverySample() {
        return Arrays.stream(ImageFormat.values())
                .flatMap(format -> SAMPLES.keySet().stream().map(sample -> Arguments.of(format, sample)));
    }

    @ParameterizedTest
    @MethodSource("everyFormatAgainstEverySample")
    void matchesOnlyTheBytesOfItsOwnFormat(ImageFormat format, ImageFormat sample) {
        assertThat(ImageSignatures.matches(format, SAMPLES.get(sample))).isEqualTo(format == sample);
    }

    @Test
    void refusesHtmlAndEmptyBodiesAsEveryFormat() {
        for (ImageFormat format : ImageFormat.values()) {
            assertThat(ImageSignatures.matches(format, TestImages.html()))
                    .as(format.name())
                    .isFalse();
            assertThat(ImageSignatures.matches(format, new byte[0]))
                    .as(format.name())
                    .isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"<?xml version=\"1.0\"?><svg/>", "\uFEFF  \n<svg/>", "<svg/>"})
    void recognisesSvgWithAnXmlDeclarationOrLeadingWhitespace(String text) {
        assertThat(ImageSignatures.matches(ImageFormat.SVG, text.getBytes(StandardCharsets.UTF_8)))
                .isTrue();
    }
}
