package io.picturepipeline.provider.local;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;

/** A deterministic vector picture, for Recraft SVG predictions. */
final class SvgRenderer {

    private SvgRenderer() {}

    static byte[] render(ImageSpec image, int index) {
        Random random = new Random(Hashes.stableLong(
                image.prompt(), Long.toString(image.seed()), image.width() + "x" + image.height(), "svg", "" + index));
        int width = image.width();
        int height = image.height();
        StringBuilder svg = new StringBuilder()
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\">\n")
                .append("<defs><linearGradient id=\"bg\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"1\">")
                .append("<stop offset=\"0\" stop-color=\"")
                .append(color(random))
                .append("\"/><stop offset=\"1\" stop-color=\"")
                .append(color(random))
                .append("\"/></linearGradient></defs>\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"url(#bg)\"/>\n");
        int shapes = 3 + random.nextInt(5);
        for (int i = 0; i < shapes; i++) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<circle cx=\"%d\" cy=\"%d\" r=\"%d\" fill=\"%s\" fill-opacity=\"0.7\"/>\n",
                    random.nextInt(width),
                    random.nextInt(height),
                    1 + random.nextInt(Math.max(1, Math.min(width, height) / 3)),
                    color(random)));
        }
        return svg.append("</svg>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String color(Random random) {
        return String.format(Locale.ROOT, "#%06x", random.nextInt(1 << 24));
    }
}
