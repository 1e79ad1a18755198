package io.picturepipeline.provider.local;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps an {@code aspect_ratio} input to pixel dimensions the way FLUX models on Replicate do (~1 megapixel). */
final class AspectRatios {

    private static final Map<String, int[]> KNOWN = Map.ofEntries(
            Map.entry("1:1", new int[] {1024, 1024}),
            Map.entry("16:9", new int[] {1344, 768}),
            Map.entry("9:16", new int[] {768, 1344}),
            Map.entry("4:3", new int[] {1152, 896}),
            Map.entry("3:4", new int[] {896, 1152}),
            Map.entry("3:2", new int[] {1216, 832}),
            Map.entry("2:3", new int[] {832, 1216}),
            Map.entry("4:5", new int[] {896, 1120}),
            Map.entry("5:4", new int[] {1120, 896}),
            Map.entry("21:9", new int[] {1536, 640}),
            Map.entry("9:21", new int[] {640, 1536}));

    private static final Pattern RATIO = Pattern.compile("(\\d{1,3}):(\\d{1,3})");

    private AspectRatios() {}

    /** {@code [width, height]}; {@code null} or {@code "custom"} means 1:1. Unparseable ratios are a 422. */
    static int[] dimensions(String aspectRatio) {
        if (aspectRatio == null || aspectRatio.isBlank() || aspectRatio.equals("custom")) {
            return KNOWN.get("1:1").clone();
        }
        int[] known = KNOWN.get(aspectRatio.trim());
        if (known != null) {
            return known.clone();
        }
        Matcher matcher = RATIO.matcher(aspectRatio.trim());
        if (!matcher.matches() || Integer.parseInt(matcher.group(1)) == 0 || Integer.parseInt(matcher.group(2)) == 0) {
            throw ApiException.invalid("input.aspect_ratio must look like \"16:9\": " + aspectRatio);
        }
        double ratio = Double.parseDouble(matcher.group(1)) / Double.parseDouble(matcher.group(2));
        int width = roundTo64(Math.sqrt(1024.0 * 1024.0 * ratio));
        int height = roundTo64(Math.sqrt(1024.0 * 1024.0 / ratio));
        return new int[] {Math.min(width, ImageSpec.MAX_SIDE), Math.min(height, ImageSpec.MAX_SIDE)};
    }

    private static int roundTo64(double value) {
        return (int) Math.max(64, Math.round(value / 64.0) * 64);
    }
}
