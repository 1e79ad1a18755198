package io.picturepipeline.provider.local;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Pictures made from an input image: an upscale is the source resized to the output size (bilinear, so it looks
 * like the source, only larger); a variation is the source with the prompt's own picture laid over it, the more
 * visibly the higher the strength (0: the source, 1: mostly new).
 */
final class SourceRenderer {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private SourceRenderer() {}

    static byte[] render(ImageSpec image, int index) {
        BufferedImage source = SourceImages.decode(image.source().bytes());
        BufferedImage canvas = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, image.width(), image.height(), null);
            if (!image.upscale()) {
                g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) (image.strength() * 0.6)));
                g.drawImage(PngRenderer.paint(image, index), 0, 0, null);
            }
        } finally {
            g.dispose();
        }
        return PngRenderer.encode(canvas);
    }
}
