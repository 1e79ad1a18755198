package io.picturepipeline.schemas;

/** Bounds free text that travels in events and headers, so nothing grows with attempts. */
public final class Text {

    private Text() {}

    public static String truncate(String text, int maxLength) {
        if (text.length() <= maxLength) {
            return text;
        }
        return text.substring(0, maxLength - 1) + "…";
    }
}
