package io.picturepipeline.provider.local;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** Paints a deterministic picture (gradient and shapes) from prompt, seed, size and index; encodes it as PNG. */
final class PngRenderer {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private PngRenderer() {}

    static byte[] render(ImageSpec image, int index) {
        if (image.source() != null) {
            return SourceRenderer.render(image, index);
        }
        return encode(paint(image, index));
    }

    static BufferedImage paint(ImageSpec image, int index) {
        Random random = new Random(Hashes.stableLong(
                image.prompt(), Long.toString(image.seed()), image.width() + "x" + image.height(), "png", "" + index));
        int width = image.width();
        int height = image.height();
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, color(random, 255), width, height, color(random, 255)));
            g.fillRect(0, 0, width, height);
            int shapes = 3 + random.nextInt(5);
            for (int i = 0; i < shapes; i++) {
                g.setColor(color(random, 96 + random.nextInt(128)));
                int w = Math.max(1, width / 8 + random.nextInt(Math.max(1, width / 2)));
                int h = Math.max(1, height / 8 + random.nextInt(Math.max(1, height / 2)));
                int x = random.nextInt(width) - w / 2;
                int y = random.nextInt(height) - h / 2;
                if (random.nextBoolean()) {
                    g.fillOval(x, y, w, h);
                } else {
                    g.fillRect(x, y, w, h);
                }
            }
        } finally {
            g.dispose();
        }
        return canvas;
    }

    private static Color color(Random random, int alpha) {
        return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), alpha);
    }

    static byte[] encode(BufferedImage canvas) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            if (!ImageIO.write(canvas, "png", out)) {
                throw new IllegalStateException("No PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
